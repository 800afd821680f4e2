package io.bayesfuse.benchmarks;

import io.bayesfuse.app.run.TopicProvisioner;
import io.bayesfuse.app.simulate.SimulationProducer;
import io.bayesfuse.avro.Detection;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.kernels.codec.RegionStateCodec;
import io.bayesfuse.kernels.simulation.ScanWorkload;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.HttpConfig;
import io.bayesfuse.topology.tracking.RegionTrackers;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The tracking stage's benchmark: a region tracker alone (the kernels, no Kafka) and the tracking
 * stage on Kafka Streams, both on {@link ScanWorkload} scans (targets with P_D 0.9 and clutter). A
 * stream run: fresh topics, the topology on one Kafka Streams instance of {@code threads} threads,
 * a warm-up batch processed, then the measured scans produced as fast as possible; the run ends when
 * the application's committed input offsets reach the end of the detections topic (every scan
 * processed and its tracks committed, exactly once). Throughput = scans / (last commit − first send).
 */
final class TrackingBenchmark {

    private final BenchStack stack;
    private final PrintWriter progress;

    TrackingBenchmark(BenchStack stack, PrintWriter progress) {
        this.stack = stack;
        this.progress = progress;
    }

    /** One run's result. */
    record Result(String mode, int regions, int partitions, int threads, int scans, long detections, double seconds) {

        double scansPerSecond() {
            return scans / seconds;
        }

        double detectionsPerSecond() {
            return detections / seconds;
        }
    }

    static String config(String applicationId, int partitions, int threads, int clutter) {
        return String.format(Locale.ROOT, """
                application: {id: %s, topicPrefix: %s., partitions: %d}
                kafka: {num.stream.threads: %d}
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.1}}
                sensors:
                  radar: {measurement: {type: position}, R: [[%s, 0], [0, %s]]}
                tracking:
                  motionModel: cv
                  association: gnn
                  detectionProbability: 0.9
                  clutterDensity: %s
                  initiation: {type: m-of-n, m: 3, n: 4}
                  deletion: {misses: 3}
                  birth: {P: [[25, 0, 0, 0], [0, 400, 0, 0], [0, 0, 25, 0], [0, 0, 0, 400]]}
                """, applicationId, applicationId, partitions, threads, ScanWorkload.SIGMA * ScanWorkload.SIGMA,
                ScanWorkload.SIGMA * ScanWorkload.SIGMA, ScanWorkload.clutterDensity(clutter));
    }

    /** The kernels' region tracker alone, region states kept encoded as in the store. */
    Result tracker(int targets, int clutter, int warmup, int scans) {
        BayesfuseConfig config = ConfigLoader.parse(config("bench-tracker", 1, 1, clutter), "the benchmark configuration");
        RegionTrackers trackers = RegionTrackers.create(config);
        List<ScanWorkload.Scan> workload = ScanWorkload.of(1, targets, clutter, warmup + scans, 1);
        byte[] stored = null;
        long detections = 0;
        long start = 0;
        for (int i = 0; i < workload.size(); i++) {
            if (i == warmup) {
                start = System.nanoTime();
            }
            ScanWorkload.Scan s = workload.get(i);
            RegionTracker tracker = trackers.forRegion(s.region());
            RegionState state = stored == null ? null : RegionStateCodec.decode(stored).state();
            List<io.bayesfuse.kernels.tracking.Detection> list = new ArrayList<>(s.detections().size());
            s.detections().forEach(z -> list.add(io.bayesfuse.kernels.tracking.Detection.at(z)));
            RegionState next = tracker.process(s.region(), state, new Scan("radar", s.time(), list)).state();
            stored = RegionStateCodec.encode(trackers.signature(), next);
            if (i >= warmup) {
                detections += s.detections().size();
            }
        }
        return new Result("tracker", 1, 0, 1, scans, detections, (System.nanoTime() - start) / 1e9);
    }

    /** The tracking stage on Kafka Streams. */
    Result stream(int regions, int partitions, int threads, int targets, int clutter, int warmup, int scans)
            throws InterruptedException {
        String runId = "bench-tracking-" + Long.toString(System.currentTimeMillis(), 36);
        BayesfuseConfig config = ConfigLoader.parse(config(runId, partitions, threads, clutter), "the benchmark configuration")
                .withConnections(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), "num.stream.threads",
                        Integer.toString(threads)), Map.of("schema.registry.url", stack.registryUrl()), new HttpConfig("localhost", 0, null));
        Path state = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            provision(admin, config);
            state = Files.createTempDirectory("bayesfuse-" + runId + "-");
            Map<String, Object> settings = new HashMap<>(StreamsSettings.of(config));
            settings.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            Properties properties = new Properties();
            properties.putAll(settings);
            String topic = config.application().topicNames().detections();
            KafkaStreams streams = new KafkaStreams(new BayesfuseTopology(config, StreamsSettings.serdeSettings(settings)).build(),
                    properties);
            try (Producer<String, SpecificRecord> producer = SimulationProducer.create(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.CLIENT_ID_CONFIG,
                            runId + "-producer", ProducerConfig.LINGER_MS_CONFIG, 20),
                    Map.of("schema.registry.url", stack.registryUrl()))) {
                streams.start();
                awaitRunning(streams);
                // the warm-up scans are of regions of their own, an hour before the measured ones
                send(producer, topic, ScanWorkload.of(regions, targets, clutter, warmup, 2), "warmup-", 0);
                awaitCommitted(admin, runId, topic);
                List<ScanWorkload.Scan> measured = ScanWorkload.of(regions, targets, clutter, scans, 1);
                long detections = measured.stream().mapToLong(s -> s.detections().size()).sum();
                long start = System.nanoTime();
                send(producer, topic, measured, "", 3_600_000L);
                awaitCommitted(admin, runId, topic);
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.printf(Locale.ROOT, "stream: %d regions over %d partitions, %d threads: %,d scans in %.2f s%n",
                        regions, partitions, threads, scans, seconds);
                return new Result("stream", regions, partitions, threads, scans, detections, seconds);
            } finally {
                streams.close(Duration.ofSeconds(30));
                deleteTopics(admin, runId);
                Thread.sleep(2000);   // let the single broker settle before the next run creates topics
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (state != null) {
                Directories.delete(state);
            }
        }
    }

    /**
     * Creates the run's topics. Right after the previous run deleted its topics, the single broker once
     * answered "This server does not host this topic-partition"; a second try a moment later succeeds.
     */
    private static void provision(Admin admin, BayesfuseConfig config) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                TopicProvisioner.ensure(admin, config.application(), true);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Deletes the run's topics (its own and Kafka Streams' internal ones all start with the run id). */
    private static void deleteTopics(Admin admin, String prefix) {
        try {
            List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
            admin.deleteTopics(mine).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bayesfuse bench tracking: could not delete the topics of " + prefix + ": " + e);
        }
    }

    private static void send(Producer<String, SpecificRecord> producer, String topic, List<ScanWorkload.Scan> scans,
                             String regionPrefix, long timeOffset) {
        long t0 = 1_700_000_000_000L + timeOffset;
        for (ScanWorkload.Scan s : scans) {
            List<Detection> detections = new ArrayList<>(s.detections().size());
            for (double[] z : s.detections()) {
                detections.add(Detection.newBuilder().setZ(List.of(z[0], z[1])).build());
            }
            String region = regionPrefix + s.region();
            producer.send(new ProducerRecord<>(topic, null, t0 + s.time(), region, DetectionScan.newBuilder().setRegion(region)
                    .setSensorId("radar").setTimestamp(Instant.ofEpochMilli(t0 + s.time())).setDetections(detections).build()));
        }
        producer.flush();
    }

    /** Waits until the application's committed offsets on {@code topic} reach its end. */
    private static void awaitCommitted(Admin admin, String applicationId, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = true;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(end.getKey());
                    if (end.getValue().offset() > 0 && (c == null || c.offset() < end.getValue().offset())) {
                        done = false;
                        break;
                    }
                }
                if (done) {
                    return;
                }
                Thread.sleep(20);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic + ": " + e.getCause(), e.getCause());
        }
        throw new IllegalStateException("the tracking stage did not process " + topic + " within 3 minutes");
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped while starting (" + streams.state() + ")");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Kafka Streams did not reach RUNNING within 120 s");
    }
}
