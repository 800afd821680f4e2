package io.bayesfuse.it;

import io.bayesfuse.app.run.BayesfuseInstance;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.app.Clients;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that cannot be produced, against a real broker, through {@code run}'s own start-up: an
 * estimate larger than its topic's {@code max.message.bytes} is dead-lettered PRODUCTION_ERROR with
 * its input's coordinates and the instance keeps processing; a state changelog record larger than the
 * changelog accepts stops the instance with a message naming the setting to raise (under exactly-once
 * nothing else is safe: see DeadLetterProductionHandler).
 */
class ProductionErrorIT {

    private static final String FILTER = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
            """;
    /** An estimate of a short entity id is about 600 bytes with Kafka's framing; one of LONG_ID over 2,000. */
    private static final int ESTIMATES_MAX_MESSAGE_BYTES = 2_000;
    private static final String LONG_ID = "long-" + "x".repeat(2_000);
    private static final int RECORDS = 40;

    private record Coordinates(int partition, long offset) {
    }

    @Test
    void anEstimateLargerThanItsTopicAcceptsIsDeadLetteredAndTheInstanceKeepsProcessing() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        BayesfuseConfig config = config(environment, "too-large", "");
        TopicNames topics = config.application().topicNames();
        AppUnderTest.createTopics(environment, topics, 3);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.estimates()),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            String.valueOf(ESTIMATES_MAX_MESSAGE_BYTES)), AlterConfigOp.OpType.SET)))).all().get();
        }
        try (BayesfuseInstance instance = BayesfuseInstance.start(config, Map.of(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("production-error-state").toString()), "production errors");
             KafkaProducer<String, Measurement> producer = producer(environment)) {
            assertThat(instance.awaitRunning(Duration.ofSeconds(60))).isTrue();
            Set<Coordinates> tooLarge = new HashSet<>();
            Set<Coordinates> fine = new HashSet<>();
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                String entity = i % 10 == 3 ? LONG_ID : "t" + (i % 4);
                Measurement m = Measurement.newBuilder().setEntityId(entity).setSensorId("gps")
                        .setTimestamp(Instant.ofEpochMilli(1_000_000 + 100L * i)).setZ(List.of(0.1 * i, -0.1 * i)).build();
                sent.add(producer.send(new ProducerRecord<>(topics.measurements(), null, 1_000_000 + 100L * i, entity, m)));
            }
            producer.flush();
            for (int i = 0; i < RECORDS; i++) {
                RecordMetadata meta = sent.get(i).get();
                (i % 10 == 3 ? tooLarge : fine).add(new Coordinates(meta.partition(), meta.offset()));
            }

            List<ConsumerRecord<String, DeadLetter>> dead = Clients.readCommitted(environment.bootstrapServers(),
                    environment.registryUrl(), topics.deadLetters(), DeadLetter.class, tooLarge.size(), Duration.ofSeconds(60));
            Set<Coordinates> deadLettered = new HashSet<>();
            for (ConsumerRecord<String, DeadLetter> r : dead) {
                DeadLetter letter = r.value();
                assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PRODUCTION_ERROR);
                assertThat(letter.getSourceTopic()).isEqualTo(topics.measurements());
                assertThat(letter.getMessage()).contains(topics.estimates(), "max.message.bytes (2000)");
                assertThat(r.key()).isEqualTo(LONG_ID);
                deadLettered.add(new Coordinates(letter.getSourcePartition(), letter.getSourceOffset()));
            }
            assertThat(deadLettered).isEqualTo(tooLarge);

            List<ConsumerRecord<String, Estimate>> estimates = Clients.readCommitted(environment.bootstrapServers(),
                    environment.registryUrl(), topics.estimates(), Estimate.class, fine.size(), Duration.ofSeconds(60));
            Set<Coordinates> estimated = new HashSet<>();
            for (ConsumerRecord<String, Estimate> r : estimates) {
                estimated.add(new Coordinates(r.value().getLineage().getPartition(), r.value().getLineage().getOffset()));
            }
            assertThat(estimated).as("every other record, before and after the refused ones").isEqualTo(fine);
            assertThat(instance.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void aStateRecordLargerThanItsChangelogAcceptsStopsTheInstanceNamingTheSettingToRaise() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        // internal topics (the entity store's changelog) accept 200 bytes: less than one entity's state
        BayesfuseConfig config = config(environment, "changelog-too-large", "topic.max.message.bytes: \"200\"");
        AppUnderTest.createTopics(environment, config.application().topicNames(), 1);
        try (BayesfuseInstance instance = BayesfuseInstance.start(config, Map.of(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("changelog-error-state").toString()), "changelog errors");
             KafkaProducer<String, Measurement> producer = producer(environment)) {
            assertThat(instance.awaitRunning(Duration.ofSeconds(60))).isTrue();
            CompletableFuture<String> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    return instance.awaitFailure();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Measurement m = Measurement.newBuilder().setEntityId("t1").setSensorId("gps")
                    .setTimestamp(Instant.ofEpochMilli(1_000_000)).setZ(List.of(1.0, 2.0)).build();
            producer.send(new ProducerRecord<>(config.application().topicNames().measurements(), null, 1_000_000L, "t1", m))
                    .get();

            String why = failure.get(60, TimeUnit.SECONDS);
            assertThat(why).contains("bayesfuse-entities-changelog", "max.message.bytes", "topic.max.message.bytes",
                    "max.request.size");
            assertThat(instance.streams().state()).isEqualTo(KafkaStreams.State.ERROR);
        }
    }

    private static BayesfuseConfig config(TestEnvironment environment, String name, String kafkaExtra) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return ConfigLoader.parse("""
                application: {id: %s, topicPrefix: %s.}
                kafka: {bootstrap.servers: "%s", commit.interval.ms: "100"%s}
                schemaRegistry: {schema.registry.url: "%s"}
                http: {port: 0}
                """.formatted(unique, unique, environment.bootstrapServers(),
                kafkaExtra.isEmpty() ? "" : ", " + kafkaExtra, environment.registryUrl()) + FILTER, name);
    }

    private static KafkaProducer<String, Measurement> producer(TestEnvironment environment) {
        SpecificAvroSerializer<Measurement> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values);
    }
}
