package io.bayesfuse.it;

import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fusion stage on the test environment's broker: posterior-updates has several partitions, and tombstones keyed
 * {@code quantity/source}, which land on other partitions than their quantity, still retract their
 * source through the internal repartition topic Kafka Streams creates for them.
 */
class FusionStageIT {

    private static final int PARTITIONS = 3;
    private static final int QUANTITIES = 6;
    /** Application id and topic prefix of this run: the environment may be shared. */
    private static final String RUN = "fusion-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final BayesfuseConfig CONFIG = ConfigLoader.parse("""
            application: {id: %s, topicPrefix: %s.}
            fusion: {method: covariance-intersection}
            """.formatted(RUN, RUN), "fusion-it");
    private static final TopicNames TOPICS = CONFIG.application().topicNames();

    private static TestEnvironment environment;

    @TempDir
    static Path stateDirectory;

    @BeforeAll
    static void startStack() throws Exception {
        environment = TestEnvironments.current();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPICS.posteriorUpdates(), PARTITIONS, (short) 1),
                    new NewTopic(TOPICS.fused(), PARTITIONS, (short) 1), new NewTopic(TOPICS.config(), 1, (short) 1),
                    new NewTopic(TOPICS.validatedConfig(), 1, (short) 1), new NewTopic(TOPICS.deadLetters(), 1, (short) 1),
                    new NewTopic(TOPICS.posteriorChunks(), PARTITIONS, (short) 1), new NewTopic(TOPICS.fusedChunks(), PARTITIONS, (short) 1)))
                    .all().get();
        }
    }

    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(
                java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
    }

    @Test
    void tombstonesOnOtherPartitionsRetractTheirSourceExactlyOnce() throws Exception {
        assertThat(partitionOf("q0/b")).as("the tombstone lands elsewhere than its quantity").isNotEqualTo(partitionOf("q0"));
        assertThat(partitionOf("q5/a")).as("the tombstone lands elsewhere than its quantity").isNotEqualTo(partitionOf("q5"));
        Map<String, Object> settings = StreamsSettings.of(CONFIG);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        settings.put(RegistryClientConfig.URL, environment.registryUrl());
        Properties props = new Properties();
        props.putAll(settings);
        KafkaStreams streams = new KafkaStreams(new BayesfuseTopology(CONFIG, settings).build(), props);
        try {
            streams.start();
            produce();
            List<ConsumerRecord<String, FusedPosterior>> out = readCommitted(2 * QUANTITIES + 2, Duration.ofSeconds(90));

            assertThat(out).hasSize(2 * QUANTITIES + 2);
            List<FusedPosterior> retractions = out.stream().map(ConsumerRecord::value)
                    .filter(f -> f.getChange() == FusionChange.RETRACTED).toList();
            assertThat(retractions).extracting(FusedPosterior::getQuantityId).containsExactlyInAnyOrder("q0", "q5");
            for (FusedPosterior r : retractions) {
                String retracted = r.getQuantityId().equals("q0") ? "b" : "a";
                assertThat(r.getUpdatedSource()).isEqualTo(retracted);
                assertThat(r.getSources()).containsOnlyKeys(retracted.equals("a") ? "b" : "a");
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
                String repartition = RUN + "-" + BayesfuseTopology.TOMBSTONE_REPARTITION + "-repartition";
                TopicDescription description = admin.describeTopics(List.of(repartition)).allTopicNames().get().get(repartition);
                assertThat(description.partitions()).as("as many partitions as posterior-updates").hasSize(PARTITIONS);
            }
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static PosteriorUpdate update(String quantity, String source, double mean) {
        return PosteriorUpdate.newBuilder().setQuantityId(quantity).setSourceId(source).setVersion(1)
                .setPosterior(new GaussianPosterior(List.of(mean, -mean),
                        new FullCovariance(new Matrix(2, 2, List.of(1.0 + mean * mean, 0.1, 0.1, 2.0))))).build();
    }

    private static void produce() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        SpecificAvroSerializer<PosteriorUpdate> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(RegistryClientConfig.URL, environment.registryUrl()), false);
        try (KafkaProducer<String, PosteriorUpdate> producer = new KafkaProducer<>(settings, new StringSerializer(), serializer)) {
            for (int q = 0; q < QUANTITIES; q++) {
                producer.send(new ProducerRecord<>(TOPICS.posteriorUpdates(), "q" + q, update("q" + q, "a", q)));
                producer.send(new ProducerRecord<>(TOPICS.posteriorUpdates(), "q" + q, update("q" + q, "b", q + 0.5)));
            }
            producer.flush();
            producer.send(new ProducerRecord<>(TOPICS.posteriorUpdates(), "q0/b", null));
            producer.send(new ProducerRecord<>(TOPICS.posteriorUpdates(), "q5/a", null));
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, FusedPosterior>> readCommitted(int expected, Duration timeout) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, RUN + "-checker");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        SpecificAvroDeserializer<FusedPosterior> deserializer = new SpecificAvroDeserializer<>(FusedPosterior.class);
        deserializer.configure(Map.of(RegistryClientConfig.URL, environment.registryUrl()), false);
        List<ConsumerRecord<String, FusedPosterior>> records = new ArrayList<>();
        try (KafkaConsumer<String, FusedPosterior> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(TOPICS.fused()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
