package io.bayesfuse.benchmarks;

import io.bayesfuse.app.run.TopicProvisioner;
import io.bayesfuse.app.simulate.SimulationProducer;
import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the stages of a pipeline benchmark one after the other against one cluster. For each
 * stage: fresh topics and application id, the topology started on {@code instances} Kafka Streams
 * instances and awaited RUNNING, a read_committed consumer on the output, a warm-up batch sent and
 * awaited (so that no stage pays for the JVM's warm-up), then the measured records sent (as fast
 * as possible, or at the rate) and awaited; then everything is closed, the state directories
 * measured and deleted, and the topics deleted.
 */
public final class PipelineBenchmark {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final BenchStack stack;
    private final PipelineSettings settings;
    private final PrintWriter progress;

    public PipelineBenchmark(BenchStack stack, PipelineSettings settings, PrintWriter progress) {
        this.stack = stack;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs each stage once, unmeasured, with {@code records} records: the first stage of a fresh JVM
     * otherwise runs partly interpreted (seen: the baseline at 18,000 records/s as the first run of
     * a JVM, at 70,000 in the same layout after a warm-up pass).
     */
    public void warmUpJvm(long records) throws InterruptedException {
        if (records <= 0) {
            return;
        }
        PipelineBenchmark warmup = new PipelineBenchmark(stack, settings.withRecords(records).withRate(0), progress);
        for (Stage stage : settings.stages()) {
            progress.printf(Locale.ROOT, "JVM warm-up: %s with %,d records (not measured)%n", stage, records);
            warmup.runStage(stage);
        }
    }

    public List<StageResult> run() throws InterruptedException {
        List<StageResult> results = new ArrayList<>();
        for (Stage stage : settings.stages()) {
            results.add(runStage(stage));
        }
        return results;
    }

    /** A stage's topology, topics and Kafka Streams settings, for one run. */
    private record Deployment(Supplier<Topology> topology, Map<String, Object> streamsSettings, String inputTopic,
                              List<String> outputTopics, String deadLetterTopic, String prefix) {
    }

    StageResult runStage(Stage stage) throws InterruptedException {
        String runId = "bench-" + stage.label() + "-" + Long.toString(System.currentTimeMillis(), 36);
        Path stateRoot = temporaryDirectory(runId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Deployment deployment;
            try {
                deployment = deploy(stage, runId, admin);
            } catch (RuntimeException e) {
                Directories.delete(stateRoot);
                deleteTopics(admin, runId);
                throw e;
            }
            List<KafkaStreams> instances = new ArrayList<>();
            AtomicReference<Throwable> streamsFailure = new AtomicReference<>();
            try {
                for (int i = 0; i < settings.instances(); i++) {
                    Properties properties = new Properties();
                    properties.putAll(deployment.streamsSettings());
                    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve("instance-" + i).toString());
                    KafkaStreams streams = new KafkaStreams(deployment.topology().get(), properties);
                    streams.setUncaughtExceptionHandler(new StreamsFailureRecorder(streamsFailure));
                    instances.add(streams);
                    streams.start();
                }
                awaitRunning(instances, stage.toString(), streamsFailure);
                try (OutputWatcher watcher = new OutputWatcher(stack.bootstrapServers(), deployment.outputTopics(),
                        deployment.deadLetterTopic(), runId, stage == Stage.LEARNER ? BenchConfigs.LEARNER_BATCH : 1).start();
                     Producer<String, SpecificRecord> producer = producer(runId)) {
                    return measure(stage, deployment, watcher, producer, instances, stateRoot, streamsFailure);
                }
            } finally {
                for (KafkaStreams streams : instances) {
                    streams.close(CLOSE_TIMEOUT);
                }
                Directories.delete(stateRoot);
                deleteTopics(admin, deployment.prefix());
            }
        }
    }

    private StageResult measure(Stage stage, Deployment deployment, OutputWatcher watcher, Producer<String, SpecificRecord> producer,
                                List<KafkaStreams> instances, Path stateRoot, AtomicReference<Throwable> streamsFailure)
            throws InterruptedException {
        Workload workload = Workload.of(stage, settings);
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        long warmup = settings.warmupRecords();
        if (warmup > 0) {
            progress.printf(Locale.ROOT, "%s: warming up with %,d records%n", stage, warmup);
            send(producer, deployment.inputTopic(), workload, 0, warmup, new Pacer(0), null, sendFailure);
            new OutputWait(watcher, streamsFailure, sendFailure, settings.stallTimeout()).until(warmup, stage + " (warm-up)",
                    "the input", Duration.ZERO, null);
        }
        LatencyRecorder latency = new LatencyRecorder();
        ThroughputMeter meter = new ThroughputMeter();
        watcher.measureWith(latency, meter);
        long total = warmup + settings.records();
        CpuTime cpuBefore = CpuTime.now();
        Thread sender = new Thread(() -> {
            try {
                send(producer, deployment.inputTopic(), workload, warmup, total, new Pacer(settings.rate()), meter, sendFailure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-producer");
        sender.start();
        try {
            new OutputWait(watcher, streamsFailure, sendFailure, settings.stallTimeout()).until(total, stage + " (measured)",
                    "the input", Duration.ofSeconds(1), seen -> progress.printf(Locale.ROOT,
                            "%s: %,d of %,d measured records committed downstream  %,.0f records/s%n", stage, meter.outputs(),
                            settings.records(), meter.recordsPerSecond()));
        } finally {
            sender.interrupt();
            sender.join(10_000);
        }
        CpuTime cpu = CpuTime.now().since(cpuBefore);
        for (KafkaStreams streams : instances) {
            streams.close(CLOSE_TIMEOUT);   // flushes the stores, so that their size on disk is their size
        }
        long stateBytes = Directories.size(stateRoot);
        return new StageResult(stage, settings.records(), meter.outputs(), meter.seconds(), meter.recordsPerSecond(),
                latency.total(), stateBytes, watcher.deadLetters(), cpu);
    }

    private static void send(Producer<String, SpecificRecord> producer, String topic, Workload workload, long from, long to,
                             Pacer pacer, ThroughputMeter meter, AtomicReference<Exception> failure) throws InterruptedException {
        for (long i = from; i < to && failure.get() == null; i++) {
            pacer.await(i - from);
            long now = System.currentTimeMillis();
            if (meter != null) {
                meter.inputSent();
            }
            producer.send(new ProducerRecord<>(topic, null, now, workload.key(i), workload.value(i, now)), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
    }

    private Deployment deploy(Stage stage, String runId, Admin admin) {
        Map<String, Object> common = new HashMap<>();
        common.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        common.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.guarantee());
        if (settings.commitIntervalMs() != null) {
            common.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        }
        // as the bayesfuse settings do (Kafka 5.0's default), so that every stage runs with the same handlers switched on
        common.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // and bayesfuse's producer settings, so that the baselines send as the stages do
        common.putAll(StreamsSettings.producerDefaults());
        if (stage.isBaseline()) {
            String input = runId + ".input";
            String output = runId + ".output";
            createTopics(admin, List.of(input, output), settings.partitions());
            Map<String, Object> streamsSettings = new HashMap<>();
            streamsSettings.put(StreamsConfig.APPLICATION_ID_CONFIG, runId);
            streamsSettings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            streamsSettings.put("schema.registry.url", stack.registryUrl());
            streamsSettings.putAll(common);
            Class<? extends SpecificRecord> type = switch (stage.input()) {
                case MEASUREMENTS -> Measurement.class;
                case POSTERIOR_UPDATES -> PosteriorUpdate.class;
                case EXAMPLES -> Example.class;
            };
            Map<String, Object> serdes = StreamsSettings.serdeSettings(streamsSettings);
            // the same store settings as the stage compared with: the filter stage's entity store, the fusion
            // stage's quantity headers and the learner stage's stores are cached exactly when their constants say so
            boolean cached = switch (stage.input()) {
                case MEASUREMENTS -> BayesfuseTopology.FILTER_STORES_CACHED;
                case POSTERIOR_UPDATES -> true;
                case EXAMPLES -> BayesfuseTopology.LEARNER_STORES_CACHED;
            };
            return new Deployment(() -> BaselineTopology.build(type, input, output, serdes, cached), streamsSettings, input,
                    List.of(output),
                    null, runId);
        }
        BayesfuseConfig config = BenchConfigs.of(runId, settings.partitions(), stage == Stage.FILTER,
                stage == Stage.FUSION ? settings.dimension() : 0, stage == Stage.LEARNER ? settings.quantities() : 0,
                settings.dimension(), Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                Map.of("schema.registry.url", stack.registryUrl()));
        Map<String, Object> streamsSettings = new HashMap<>(StreamsSettings.of(config));
        streamsSettings.putAll(common);
        provision(admin, config);
        TopicNames topics = config.application().topicNames();
        Map<String, Object> serdes = StreamsSettings.serdeSettings(streamsSettings);
        Supplier<Topology> topology = () -> new BayesfuseTopology(config, serdes).build();
        return switch (stage) {
            case FILTER -> new Deployment(topology, streamsSettings, topics.measurements(), List.of(topics.estimates()),
                    topics.deadLetters(), runId);
            case LEARNER -> new Deployment(topology, streamsSettings, topics.examples(),
                    List.of(topics.posteriorUpdates(), topics.posteriorChunks()), topics.deadLetters(), runId);
            default -> new Deployment(topology, streamsSettings, topics.posteriorUpdates(), List.of(topics.fused()),
                    topics.deadLetters(), runId);
        };
    }

    /** Creates the stage's topics; returns once they are in the cluster's metadata (see TopicProvisioner.awaitVisible). */
    private static void provision(Admin admin, BayesfuseConfig config) {
        TopicProvisioner.ensure(admin, config.application());
    }

    /** Creates the topics with the broker's defaults but {@code partitions}; returns once they are in the cluster's metadata. */
    static void createTopics(Admin admin, List<String> names, int partitions) {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty())).toList();
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            TopicProvisioner.awaitVisible(admin, names, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the benchmark topics " + names, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the benchmark topics " + names + ": " + e, e);
        }
    }

    /** Deletes the run's topics (its own and Kafka Streams' internal ones, which all start with the run id). */
    static void deleteTopics(Admin admin, String prefix) {
        try {
            List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
            admin.deleteTopics(mine).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bayesfuse bench: could not delete the topics of " + prefix + ": " + e);
        }
    }

    /** Waits until every instance is RUNNING (several: together for 2 s); fails when one stops or after 120 s. */
    static void awaitRunning(List<KafkaStreams> instances, String stage, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long runningSince = -1;
        while (System.nanoTime() < deadline) {
            boolean allRunning = instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING);
            for (KafkaStreams streams : instances) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(stage + ": Kafka Streams stopped while starting (" + streams.state() + ")"
                            + (failure.get() == null ? "" : ": " + failure.get()), failure.get());
                }
            }
            if (!allRunning) {
                runningSince = -1;
            } else if (runningSince < 0) {
                runningSince = System.nanoTime();
            } else if (instances.size() == 1 || System.nanoTime() - runningSince > TimeUnit.SECONDS.toNanos(2)) {
                return;   // several instances: running together for 2 s, so that the rebalances are over
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(stage + ": Kafka Streams did not reach RUNNING within 120 s");
    }

    private Producer<String, SpecificRecord> producer(String runId) {
        return SimulationProducer.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG, runId + "-producer"),
                Map.of("schema.registry.url", stack.registryUrl()));
    }

    static Path temporaryDirectory(String runId) {
        try {
            return Files.createTempDirectory("bayesfuse-" + runId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
