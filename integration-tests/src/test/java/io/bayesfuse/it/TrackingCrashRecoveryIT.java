package io.bayesfuse.it;

import io.bayesfuse.avro.Detection;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking stage under {@code bayesfuse run} in a child JVM, killed with SIGKILL three times while
 * detection scans of five regions keep arriving (its state directory wiped once, so the region store
 * comes back from its changelog), then restarted: the committed tracks equal an uninterrupted run's,
 * record for record and bit for bit — no track lost, none duplicated, every number equal.
 */
class TrackingCrashRecoveryIT {

    private static final int KILLS = 3;
    private static final long T0 = 1_700_000_000_000L;
    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.1}}
            sensors:
              radar: {measurement: {type: position}, R: [[9, 0], [0, 9]]}
            tracking:
              motionModel: cv
              association: gnn
              detectionProbability: 0.9
              clutterDensity: 1.0e-6
              initiation: {type: m-of-n, m: 3, n: 4}
              deletion: {misses: 3}
              birth: {P: [[9, 0, 0, 0], [0, 100, 0, 0], [0, 0, 9, 0], [0, 0, 0, 100]]}
              outOfOrder: {historyMillis: 3000}
            """;

    @TempDir
    Path work;

    @Test
    void afterThreeSigkillsTheCommittedTracksEqualAnUninterruptedRun() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        List<DetectionScan> scans = workload(5, 100, 2026);

        Deployment uninterrupted = deployment(environment, "tracking-uninterrupted");
        Map<String, List<String>> expected;
        try (Deployment.Instance instance = uninterrupted.start(0)) {
            produce(environment, uninterrupted.topics, scans, 0);
            expected = settled(environment, uninterrupted.topics);
            assertThat(instance.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
        }
        int count = expected.values().stream().mapToInt(List::size).sum();
        assertThat(count).as("tracks published").isGreaterThan(1000);
        assertThat(expected.values().stream().flatMap(List::stream).filter(t -> t.contains("revised by the late scan")))
                .as("late scans re-ran their regions").isNotEmpty();

        Deployment crashing = deployment(environment, "tracking-crash");
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(environment, crashing.topics, scans, 15));
        Random random = new Random(20261206);
        for (int kill = 1; kill <= KILLS; kill++) {
            try (Deployment.Instance instance = crashing.start(0)) {
                long runFor = 2_000 + random.nextInt(5_000);
                Thread.sleep(runFor);
                assertThat(instance.process().stopWith("KILL", Duration.ofSeconds(30))).as("exit status after SIGKILL").isEqualTo(137);
                System.out.printf("tracking crash %d/%d: killed %d ms after start-up%n", kill, KILLS, runFor);
            }
            if (kill == 2) {
                crashing.wipeState(0);
            }
        }
        try (Deployment.Instance last = crashing.start(0)) {
            producing.get();
            Map<String, List<String>> actual = tracks(environment, crashing.topics, count);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String key : expected.keySet()) {
                assertThat(actual.get(key)).as("tracks of " + key).isEqualTo(expected.get(key));
            }
            assertThat(last.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
        }
    }

    /** A deployment with 3 partitions; its topics, the tracking ones included, keep records forever (event times in 2023). */
    private Deployment deployment(TestEnvironment environment, String name) throws Exception {
        return Deployment.create(environment, work, name, 3, "", CONFIG);
    }

    /**
     * Scans of {@code regions} regions, one a second each: four constant-velocity targets per region
     * detected with probability 0.9 (σ 3 m) and three false detections a scan; about one scan in
     * thirty arrives two scans late.
     */
    static List<DetectionScan> workload(int regions, int scansPerRegion, long seed) {
        Random random = new Random(seed);
        double[][][] targets = new double[regions][4][];
        for (int r = 0; r < regions; r++) {
            for (int t = 0; t < 4; t++) {
                targets[r][t] = new double[]{random.nextDouble() * 1000, 8 * random.nextGaussian(), random.nextDouble() * 1000,
                        8 * random.nextGaussian()};
            }
        }
        List<DetectionScan> out = new ArrayList<>();
        DetectionScan[] held = new DetectionScan[regions];
        int[] releaseAt = new int[regions];
        for (int k = 0; k < scansPerRegion; k++) {
            for (int r = 0; r < regions; r++) {
                List<Detection> detections = new ArrayList<>();
                for (double[] x : targets[r]) {
                    x[0] += x[1];
                    x[2] += x[3];
                    if (random.nextDouble() < 0.9) {
                        detections.add(Detection.newBuilder().setZ(List.of(x[0] + 3 * random.nextGaussian(), x[2] + 3 * random.nextGaussian())).build());
                    }
                }
                for (int c = 0; c < 3; c++) {
                    detections.add(Detection.newBuilder().setZ(List.of(random.nextDouble() * 1500, random.nextDouble() * 1500)).build());
                }
                String region = "region-" + r;
                DetectionScan scan = DetectionScan.newBuilder().setRegion(region).setSensorId("radar")
                        .setTimestamp(Instant.ofEpochMilli(T0 + 1000L * k + 10L * r)).setDetections(detections).build();
                if (held[r] == null && k > 5 && random.nextInt(30) == 0) {
                    held[r] = scan;
                    releaseAt[r] = k + 2;
                } else {
                    out.add(scan);
                }
                if (held[r] != null && k == releaseAt[r]) {
                    out.add(held[r]);
                    held[r] = null;
                }
            }
        }
        return out;
    }

    private static void produce(TestEnvironment environment, TopicNames topics, List<DetectionScan> scans, int perSecond) {
        SpecificAvroSerializer<DetectionScan> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        try (KafkaProducer<String, DetectionScan> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), values)) {
            long start = System.nanoTime();
            for (int i = 0; i < scans.size(); i++) {
                producer.send(new ProducerRecord<>(topics.detections(), scans.get(i).getRegion(), scans.get(i)));
                if (perSecond > 0) {
                    long wait = start + (i + 1) * 1_000_000_000L / perSecond - System.nanoTime();
                    if (wait > 0) {
                        producer.flush();
                        Thread.sleep(wait / 1_000_000);
                    }
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The committed tracks once their number has stopped growing (read again 3 s after each read). */
    private static Map<String, List<String>> settled(TestEnvironment environment, TopicNames topics) throws InterruptedException {
        int previous = -1;
        while (true) {
            Map<String, List<String>> tracks = tracks(environment, topics, 1);
            int count = tracks.values().stream().mapToInt(List::size).sum();
            if (count == previous) {
                return tracks;
            }
            previous = count;
            Thread.sleep(3000);
        }
    }

    /** The committed tracks by key, each as its full text with the lineage's topic and the site blanked. */
    private static Map<String, List<String>> tracks(TestEnvironment environment, TopicNames topics, int atLeast) {
        SpecificAvroDeserializer<Estimate> values = new SpecificAvroDeserializer<>(Estimate.class);
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(environment.bootstrapServers(), topics.tracks(), atLeast,
                Duration.ofSeconds(240))) {
            Estimate e = values.deserialize(topics.tracks(), r.value());
            e.getLineage().setTopic("");
            e.setSite("");
            byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(e.toString());
        }
        return byKey;
    }
}
