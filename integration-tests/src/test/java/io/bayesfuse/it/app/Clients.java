package io.bayesfuse.it.app;

import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Producers and read_committed consumers for the integration tests. */
public final class Clients {

    private Clients() {
    }

    /** An idempotent producer of Avro values (Confluent wire format, schemas registered). */
    public static <V extends SpecificRecord> KafkaProducer<String, V> avroProducer(AppUnderTest app) {
        SpecificAvroSerializer<V> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", app.registryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values);
    }

    /** A producer of raw bytes, for input the application must refuse. */
    public static KafkaProducer<byte[], byte[]> rawProducer(AppUnderTest app) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads {@code count} committed Avro records of {@code topic} from the beginning, or fails after {@code timeout}. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readCommitted(
            AppUnderTest app, String topic, Class<V> type, int count, Duration timeout) {
        return readCommitted(app.bootstrapServers(), app.registryUrl(), topic, type, count, timeout);
    }

    /** {@link #readCommitted(AppUnderTest, String, Class, int, Duration)} from any cluster and registry. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readCommitted(
            String bootstrapServers, String registryUrl, String topic, Class<V> type, int count, Duration timeout) {
        SpecificAvroDeserializer<V> values = new SpecificAvroDeserializer<>(type);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        return read(bootstrapServers, topic, new StringDeserializer(), values, count, timeout);
    }

    /** Reads {@code count} committed records of {@code topic} from the beginning, or fails after {@code timeout}. */
    public static <K, V> List<ConsumerRecord<K, V>> read(AppUnderTest app, String topic, Deserializer<K> keys,
                                                         Deserializer<V> values, int count, Duration timeout) {
        return read(app.bootstrapServers(), topic, keys, values, count, timeout);
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrapServers, String topic, Deserializer<K> keys,
                                                          Deserializer<V> values, int count, Duration timeout) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), keys, values)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            if (records.size() < count) {
                throw new AssertionError("read " + records.size() + " of " + count + " committed records from "
                        + topic + " within " + timeout);
            }
            // anything beyond the expected count would be a duplicate: look a little longer for one
            long grace = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < grace) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Reads raw committed records. */
    public static List<ConsumerRecord<byte[], byte[]>> readRaw(AppUnderTest app, String topic, int count, Duration timeout) {
        return read(app, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), count, timeout);
    }
}
