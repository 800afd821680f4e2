package io.bayesfuse.benchmarks;

import io.bayesfuse.app.run.TopicProvisioner;
import io.bayesfuse.app.simulate.SimulationProducer;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One case of the model-size benchmark: a {@link SyntheticFisherModel} of d parameters, S sources
 * each sending V versions of every chunk to the posterior-chunks topic (version by version, each
 * version source by source, each source's chunks in order), through the chunk fusion stage (Fisher
 * merging), on fresh topics created with the broker's default size limits. Measures the time from
 * the first chunk sent to the last fused chunk committed and seen by a read_committed consumer,
 * which counts the outputs without keeping them; then reads the fused chunks back and checks that
 * they make one consistent model equal to the kernels' ({@link FusedChunkCheck}). The baseline case
 * sends the same chunks through {@link BaselineTopology} (one counter per chunk key, each chunk
 * forwarded as it came).
 */
public final class ModelSizeBenchmark {

    /** What a case runs. */
    public enum Kind {
        BASELINE("baseline-chunks"), FUSION("fusion");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final String QUANTITY = "model";

    private final BenchStack stack;
    private final ModelSettings settings;
    private final PrintWriter progress;

    public ModelSizeBenchmark(BenchStack stack, ModelSettings settings, PrintWriter progress) {
        this.stack = stack;
        this.settings = settings;
        this.progress = progress;
    }

    private record Deployment(Topology topology, Map<String, Object> streamsSettings, String inputTopic, String outputTopic,
                              String deadLetterTopic) {
    }

    public ModelResult run(Kind kind, long parameters) throws InterruptedException {
        SyntheticFisherModel model = new SyntheticFisherModel(QUANTITY, parameters, settings.chunkValues(), settings.seed());
        String what = String.format(Locale.ROOT, "%s, %,d parameters", kind.label(), parameters);
        String runId = "bench-models-" + kind.label() + "-" + Long.toString(System.currentTimeMillis(), 36);
        Path stateRoot = PipelineBenchmark.temporaryDirectory(runId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            KafkaStreams streams = null;
            try (HeapWatermark heap = new HeapWatermark()) {
                Deployment deployment = deploy(kind, runId, admin);
                Properties properties = new Properties();
                properties.putAll(deployment.streamsSettings());
                properties.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.toString());
                heap.start();
                AtomicReference<Throwable> streamsFailure = new AtomicReference<>();
                streams = new KafkaStreams(deployment.topology(), properties);
                streams.setUncaughtExceptionHandler(new StreamsFailureRecorder(streamsFailure));
                streams.start();
                PipelineBenchmark.awaitRunning(List.of(streams), what, streamsFailure);
                ThroughputMeter meter = new ThroughputMeter();
                long expected = (long) model.chunkCount() * settings.sources() * settings.versions();
                long outputs;
                long deadLetters;
                try (OutputWatcher watcher = new OutputWatcher(stack.bootstrapServers(), List.of(deployment.outputTopic()),
                        deployment.deadLetterTopic(), runId).start();
                     Producer<String, SpecificRecord> producer = producer(runId)) {
                    watcher.measureWith(new LatencyRecorder(), meter);
                    AtomicReference<Exception> sendFailure = new AtomicReference<>();
                    Thread sender = new Thread(() -> send(producer, deployment.inputTopic(), model, meter, sendFailure),
                            "bench-models-producer");
                    sender.start();
                    try {
                        new OutputWait(watcher, streamsFailure, sendFailure, settings.stallTimeout()).until(expected, what,
                                "the chunks", Duration.ofSeconds(2), seen -> progress.printf(Locale.ROOT, "%s: %,d of %,d chunk "
                                        + "records out, committed  %,.0f records/s  heap used %,d MB%n", what, seen, expected,
                                        meter.recordsPerSecond(),
                                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20));
                    } finally {
                        sender.interrupt();
                        sender.join(10_000);
                    }
                    outputs = watcher.outputs();
                    deadLetters = watcher.deadLetters();
                }
                HeapWatermark.Reading reading = heap.read();
                if (deadLetters > 0) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "%s: %,d chunk records were dead-lettered", what,
                            deadLetters));
                }
                FusedChunkCheck.Result check = null;
                if (kind == Kind.FUSION) {
                    progress.printf(Locale.ROOT, "%s: reading the fused chunks back to check them%n", what);
                    check = FusedChunkCheck.verify(stack.bootstrapServers(), stack.registryUrl(), deployment.outputTopic(), model,
                            settings.sources(), settings.versions());
                    progress.printf(Locale.ROOT, "%s: consistent: %,d chunks, one digest %s, every last chunk equal to the "
                            + "kernels' (%,d fused records read)%n", what, check.chunks(), check.digest(), check.records());
                }
                streams.close(CLOSE_TIMEOUT);   // flushes the stores, so that their size on disk is their size
                long updates = (long) settings.sources() * settings.versions();
                return new ModelResult(kind.label(), parameters, model.chunkCount(), expected, outputs, deadLetters, meter.seconds(),
                        meter.seconds() <= 0 ? 0 : parameters * updates / meter.seconds(), reading, Directories.size(stateRoot),
                        check);
            } finally {
                if (streams != null) {
                    streams.close(CLOSE_TIMEOUT);
                }
                Directories.delete(stateRoot);
                PipelineBenchmark.deleteTopics(admin, runId);
            }
        }
    }

    /** Every chunk of every version of every source, built one at a time as it is sent. */
    private void send(Producer<String, SpecificRecord> producer, String topic, SyntheticFisherModel model, ThroughputMeter meter,
                      AtomicReference<Exception> failure) {
        try {
            for (int v = 1; v <= settings.versions(); v++) {
                for (int s = 0; s < settings.sources(); s++) {
                    for (int i = 0; i < model.chunkCount(); i++) {
                        if (failure.get() != null || Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        long now = System.currentTimeMillis();
                        meter.inputSent();
                        PosteriorChunk chunk = model.chunk(s, v, i, Instant.ofEpochMilli(now));
                        producer.send(new ProducerRecord<>(topic, null, now, PosteriorChunks.key(model.quantityId(), i), chunk),
                                (metadata, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                    }
                }
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private Deployment deploy(Kind kind, String runId, Admin admin) {
        Map<String, Object> common = new HashMap<>();
        common.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        common.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.guarantee());
        if (settings.commitIntervalMs() != null) {
            common.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        }
        common.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        common.putAll(settings.streamsOverrides());
        if (kind == Kind.BASELINE) {
            String input = runId + ".input";
            String output = runId + ".output";
            PipelineBenchmark.createTopics(admin, List.of(input, output), settings.partitions());
            Map<String, Object> streamsSettings = new HashMap<>();
            streamsSettings.put(StreamsConfig.APPLICATION_ID_CONFIG, runId);
            streamsSettings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            streamsSettings.put("schema.registry.url", stack.registryUrl());
            streamsSettings.putAll(common);
            Topology topology = BaselineTopology.build(PosteriorChunk.class, input, output,
                    StreamsSettings.serdeSettings(streamsSettings), false);
            return new Deployment(topology, streamsSettings, input, output, null);
        }
        BayesfuseConfig config = BenchConfigs.fisher(runId, settings.partitions(),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                Map.of("schema.registry.url", stack.registryUrl()));
        Map<String, Object> streamsSettings = new HashMap<>(StreamsSettings.of(config));
        streamsSettings.putAll(common);
        TopicProvisioner.ensure(admin, config.application());
        TopicNames topics = config.application().topicNames();
        Topology topology = new BayesfuseTopology(config, StreamsSettings.serdeSettings(streamsSettings)).build();
        return new Deployment(topology, streamsSettings, topics.posteriorChunks(), topics.fusedChunks(), topics.deadLetters());
    }

    private Producer<String, SpecificRecord> producer(String runId) {
        return SimulationProducer.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG, runId + "-producer"),
                Map.of("schema.registry.url", stack.registryUrl()));
    }
}
