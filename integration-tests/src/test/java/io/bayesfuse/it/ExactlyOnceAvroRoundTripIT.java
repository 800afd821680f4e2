package io.bayesfuse.it;

import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.it.records.Reading;
import io.bayesfuse.it.records.ScaledReading;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test environment's broker runs an exactly-once Kafka Streams application whose records are
 * Avro in the Confluent wire format, through the environment's registry: every input comes out
 * exactly once, as read by a read_committed consumer.
 */
class ExactlyOnceAvroRoundTripIT {

    /** Topics, application and group ids of this run: the environment may be shared. */
    private static final String RUN = "round-trip-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String INPUT = RUN + ".readings";
    private static final String OUTPUT = RUN + ".scaled-readings";
    private static final int RECORDS = 200;

    private static TestEnvironment environment;

    @TempDir
    static Path stateDirectory;

    @BeforeAll
    static void startStack() throws Exception {
        environment = TestEnvironments.current();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(INPUT, 2, (short) 1), new NewTopic(OUTPUT, 2, (short) 1))).all().get();
        }
    }

    private static Map<String, Object> serdeSettings() {
        return Map.of(RegistryClientConfig.URL, environment.registryUrl());
    }

    @Test
    void everyRecordComesOutExactlyOnceThroughAnExactlyOnceTopology() throws Exception {
        produceInput();

        StreamsBuilder builder = new StreamsBuilder();
        SpecificAvroSerde<Reading> readings = new SpecificAvroSerde<>(Reading.class);
        SpecificAvroSerde<ScaledReading> scaled = new SpecificAvroSerde<>(ScaledReading.class);
        readings.configure(serdeSettings(), false);
        scaled.configure(serdeSettings(), false);
        builder.stream(INPUT, Consumed.with(Serdes.String(), readings))
                .mapValues(r -> ScaledReading.newBuilder().setSensorId(r.getSensorId()).setSequence(r.getSequence())
                        .setScaled(r.getValue() * 10).build())
                .to(OUTPUT, Produced.with(Serdes.String(), scaled));

        Properties streamsSettings = new Properties();
        streamsSettings.put(StreamsConfig.APPLICATION_ID_CONFIG, RUN);
        streamsSettings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        streamsSettings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsSettings.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        streamsSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        streamsSettings.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        KafkaStreams streams = new KafkaStreams(builder.build(), streamsSettings);
        try {
            streams.start();
            List<ConsumerRecord<String, ScaledReading>> output = readCommittedOutput(RECORDS, Duration.ofSeconds(60));

            assertThat(output).hasSize(RECORDS);
            Map<Long, ScaledReading> bySequence = new HashMap<>();
            for (ConsumerRecord<String, ScaledReading> record : output) {
                assertThat(bySequence.put(record.value().getSequence(), record.value()))
                        .as("sequence %d seen twice", record.value().getSequence()).isNull();
                assertThat(record.key()).isEqualTo(record.value().getSensorId());
            }
            for (long sequence = 0; sequence < RECORDS; sequence++) {
                ScaledReading value = bySequence.get(sequence);
                assertThat(value).as("sequence %d", sequence).isNotNull();
                assertThat(value.getSensorId()).isEqualTo(sensorOf(sequence));
                assertThat(value.getScaled()).isEqualTo(valueOf(sequence) * 10);
            }
            assertPerKeyOrder(output);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static String sensorOf(long sequence) {
        return "sensor-" + (sequence % 5);
    }

    private static double valueOf(long sequence) {
        return sequence * 0.5 - 3;
    }

    private static void produceInput() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        SpecificAvroSerializer<Reading> serializer = new SpecificAvroSerializer<>();
        serializer.configure(serdeSettings(), false);
        try (KafkaProducer<String, Reading> producer = new KafkaProducer<>(settings, new StringSerializer(), serializer)) {
            for (long sequence = 0; sequence < RECORDS; sequence++) {
                Reading reading = Reading.newBuilder().setSensorId(sensorOf(sequence)).setSequence(sequence)
                        .setValue(valueOf(sequence)).setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + sequence)).build();
                producer.send(new ProducerRecord<>(INPUT, reading.getSensorId(), reading));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, ScaledReading>> readCommittedOutput(int expected, Duration timeout) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, RUN + "-checker");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        SpecificAvroDeserializer<ScaledReading> deserializer = new SpecificAvroDeserializer<>(ScaledReading.class);
        deserializer.configure(serdeSettings(), false);
        List<ConsumerRecord<String, ScaledReading>> records = new ArrayList<>();
        try (KafkaConsumer<String, ScaledReading> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(OUTPUT));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // anything beyond the expected count would be a duplicate: give it a moment to show up
            long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static void assertPerKeyOrder(List<ConsumerRecord<String, ScaledReading>> output) {
        Map<String, Long> lastSequence = new HashMap<>();
        for (ConsumerRecord<String, ScaledReading> record : output) {
            Long previous = lastSequence.put(record.key(), record.value().getSequence());
            if (previous != null) {
                assertThat(record.value().getSequence()).as("order of key %s", record.key()).isGreaterThan(previous);
            }
        }
    }
}
