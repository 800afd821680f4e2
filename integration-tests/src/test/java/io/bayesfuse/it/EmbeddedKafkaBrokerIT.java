package io.bayesfuse.it;

import io.bayesfuse.app.embedded.BrokerSettings;
import io.bayesfuse.app.embedded.EmbeddedKafkaBroker;
import io.bayesfuse.it.env.EmbeddedBrokerUnderTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded single-node broker: starts from Kafka's production classes, keeps data, cleans up. */
@EmbeddedBrokerUnderTest("the embedded broker's own restart, data directory and port behaviour")
class EmbeddedKafkaBrokerIT {

    @TempDir
    Path work;

    @Test
    void recordsWrittenBeforeARestartAreReadAfterItFromTheSameDataDirectory() throws Exception {
        Path data = work.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withDataDirectory(data))) {
            produce(broker, "kept", "a", "b", "c");
        }
        assertThat(data.resolve("meta.properties")).exists();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withDataDirectory(data))) {
            produce(broker, "kept", "d");
            assertThat(consume(broker, "kept", 4)).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void aTemporaryDataDirectoryIsDeletedAtShutdown() {
        Path data;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults())) {
            data = broker.dataDirectory();
            assertThat(data.resolve("meta.properties")).exists();
        }
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void listensOnTheConfiguredPort() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withPort(port))) {
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
            produce(broker, "fixed", "x");
            assertThat(consume(broker, "fixed", 1)).containsExactly("x");
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private static List<String> consume(EmbeddedKafkaBroker broker, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
