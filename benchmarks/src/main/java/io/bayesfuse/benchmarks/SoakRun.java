package io.bayesfuse.benchmarks;

import io.bayesfuse.app.run.TopicProvisioner;
import io.bayesfuse.app.simulate.SimulationProducer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.TopicNames;
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

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A soak test: the full topology (filter and fusion stages in one application) fed at a fixed
 * rate for a duration, sampled every interval: input and output rates, consumer lag, the process's
 * RSS, the state directory's size and end-to-end latency.
 */
public final class SoakRun {

    /**
     * @param rate           input records per second (measurements and posterior updates together)
     * @param posteriorShare the fraction of the input that is posterior updates
     */
    public record Settings(double rate, Duration duration, Duration sampleInterval, int entities, int quantities, int sources,
                           int dimension, double posteriorShare, int partitions, int threads, String guarantee,
                           Integer commitIntervalMs) {
        public Settings {
            if (rate <= 0) {
                throw new IllegalArgumentException("--rate is " + rate + ", must be positive");
            }
            if (duration.isNegative() || duration.isZero() || sampleInterval.isNegative() || sampleInterval.isZero()) {
                throw new IllegalArgumentException("--duration and --sample-interval must be positive");
            }
            if (posteriorShare < 0 || posteriorShare > 1) {
                throw new IllegalArgumentException("--posterior-share is " + posteriorShare + ", must be between 0 and 1");
            }
        }
    }

    private final BenchStack stack;
    private final Settings settings;
    private final PrintWriter progress;

    public SoakRun(BenchStack stack, Settings settings, PrintWriter progress) {
        this.stack = stack;
        this.settings = settings;
        this.progress = progress;
    }

    public List<SoakSample> run() throws InterruptedException {
        String runId = "bench-soak-" + Long.toString(System.currentTimeMillis(), 36);
        BayesfuseConfig config = BenchConfigs.of(runId, settings.partitions(), true, settings.dimension(),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                Map.of("schema.registry.url", stack.registryUrl()));
        Map<String, Object> streamsSettings = new HashMap<>(StreamsSettings.of(config));
        streamsSettings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        streamsSettings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.guarantee());
        if (settings.commitIntervalMs() != null) {
            streamsSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        }
        Path stateDirectory = temporaryDirectory(runId);
        streamsSettings.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        TopicNames topics = config.application().topicNames();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, config.application());
            Properties properties = new Properties();
            properties.putAll(streamsSettings);
            KafkaStreams streams = new KafkaStreams(new BayesfuseTopology(config, StreamsSettings.serdeSettings(streamsSettings)).build(),
                    properties);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            streams.setUncaughtExceptionHandler(new StreamsFailureRecorder(failure));
            try {
                streams.start();
                awaitRunning(streams);
                try (OutputWatcher watcher = new OutputWatcher(stack.bootstrapServers(), List.of(topics.estimates(), topics.fused()),
                        topics.deadLetters(), runId).start();
                     Producer<String, SpecificRecord> producer = SimulationProducer.create(
                             Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                                     ProducerConfig.CLIENT_ID_CONFIG, runId + "-producer"),
                             Map.of("schema.registry.url", stack.registryUrl()))) {
                    LatencyRecorder latency = new LatencyRecorder();
                    watcher.measureWith(latency, new ThroughputMeter());
                    return sample(admin, runId, topics, watcher, producer, latency, stateDirectory, failure);
                }
            } finally {
                streams.close(Duration.ofSeconds(30));
                Directories.delete(stateDirectory);
            }
        }
    }

    private List<SoakSample> sample(Admin admin, String applicationId, TopicNames topics, OutputWatcher watcher,
                                    Producer<String, SpecificRecord> producer, LatencyRecorder latency, Path stateDirectory,
                                    AtomicReference<Throwable> failure) throws InterruptedException {
        AtomicLong produced = new AtomicLong();
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> produce(producer, topics, produced, sendFailure), "bench-soak-producer");
        long start = System.nanoTime();
        sender.start();
        List<SoakSample> samples = new ArrayList<>();
        try {
            long previousProduced = 0;
            long previousOutputs = watcher.outputs();
            long previousNanos = start;
            long total = settings.duration().toNanos();
            long interval = settings.sampleInterval().toNanos();
            for (long next = start + interval; next - start <= total; next += interval) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("Kafka Streams failed: " + failure.get(), failure.get());
                }
                if (sendFailure.get() != null) {
                    throw new IllegalStateException("producing the input failed: " + sendFailure.get(), sendFailure.get());
                }
                long now = System.nanoTime();
                long producedNow = produced.get();
                long outputsNow = watcher.outputs();
                double dt = (now - previousNanos) / 1e9;
                LatencySummary recent = latency.interval();
                SoakSample sample = new SoakSample((now - start) / 1e9, (producedNow - previousProduced) / dt,
                        (outputsNow - previousOutputs) / dt, lag(admin, applicationId, topics), ProcessMemory.residentBytes(),
                        Directories.size(stateDirectory), recent.p50(), recent.p99());
                samples.add(sample);
                progress.println(sample.progress(settings.duration().toSeconds()));
                previousProduced = producedNow;
                previousOutputs = outputsNow;
                previousNanos = now;
            }
        } finally {
            sender.interrupt();
            sender.join(10_000);
        }
        return samples;
    }

    private void produce(Producer<String, SpecificRecord> producer, TopicNames topics, AtomicLong produced,
                         AtomicReference<Exception> failure) {
        MeasurementWorkload measurements = new MeasurementWorkload(settings.entities());
        PosteriorWorkload posteriors = new PosteriorWorkload(settings.quantities(), settings.sources(), settings.dimension());
        long every = settings.posteriorShare() <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(1 / settings.posteriorShare()));
        Pacer pacer = new Pacer(settings.rate());
        long measurementIndex = 0;
        long posteriorIndex = 0;
        try {
            for (long i = 0; !Thread.currentThread().isInterrupted() && failure.get() == null; i++) {
                pacer.await(i);
                long now = System.currentTimeMillis();
                ProducerRecord<String, SpecificRecord> record;
                if (i % every == every - 1) {
                    long p = posteriorIndex++;
                    record = new ProducerRecord<>(topics.posteriorUpdates(), null, now, posteriors.key(p), posteriors.value(p, now));
                } else {
                    long m = measurementIndex++;
                    record = new ProducerRecord<>(topics.measurements(), null, now, measurements.key(m), measurements.value(m, now));
                }
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                produced.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** Input records (measurements and posterior updates) the application has not committed as consumed. */
    private static long lag(Admin admin, String applicationId, TopicNames topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(topics.measurements(), topics.posteriorUpdates())) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING (state " + streams.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    private static Path temporaryDirectory(String runId) {
        try {
            return Files.createTempDirectory("bayesfuse-" + runId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
