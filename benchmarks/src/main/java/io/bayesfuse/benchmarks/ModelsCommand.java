package io.bayesfuse.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.simulate.DurationConverter;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bayesfuse bench models}: Fisher fusion of chunked models of growing size, with the heap's high-water mark. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {
                "Model-size sweep: for each of --parameters, --sources sources each send --versions versions of a synthetic "
                        + "model (theta and its Fisher diagonal, values derived from a seeded function, built chunk by chunk as "
                        + "they are sent) as PosteriorChunks of --chunk-values values through the chunk fusion stage (Fisher "
                        + "merging), on topics with the broker's default size limits. Measures parameters merged per second "
                        + "(parameters x source updates / time from the first chunk sent to the last fused chunk committed and "
                        + "read read_committed) and the JVM's heap high-water marks from before Kafka Streams starts to the last "
                        + "output: heap used, sampled every 10 ms; the largest heap occupancy right after a collection; and the "
                        + "heap pools' MemoryPoolMXBean peaks (reset before each case) summed.",
                "After each fusion case the fused chunks are read back: they must make one consistent model (every chunk, "
                        + "one source-set digest: every source at its last version), each chunk equal bit for bit to the "
                        + "kernels' Fisher merge; otherwise the run fails. With --baseline the same chunks first go through "
                        + "the baseline topology (one counter per chunk key, each chunk forwarded unchanged).",
                "Writes <output>.jsonl (one JSON line per case), <output>.md (the table) and <output>.png (the charts). Run the "
                        + "JVM with the heap to test, e.g. BAYESFUSE_JAVA_OPTS=-Xmx1g."},
        footer = {"", "Example: BAYESFUSE_JAVA_OPTS=-Xmx1g ./bayesfuse bench models --output docs/bench/models", "",
                "Exit status: 0 when every case completed and was consistent, 1 when one failed, 2 for invalid options."})
public final class ModelsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--parameters", defaultValue = "10000,1000000,10000000", split = ",",
            description = "Model sizes d, in parameters (default: ${DEFAULT-VALUE}).")
    List<Long> parameters;

    @Option(names = "--sources", defaultValue = "8", description = "Sources per model (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--versions", defaultValue = "2", description = "Versions each source sends; version 1 is its first "
            + "arrival, later ones replace it (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--chunk-values", defaultValue = "" + PosteriorChunks.DEFAULT_CHUNK_VALUES,
            description = "Values per array in a chunk (default: ${DEFAULT-VALUE}, PosteriorChunks' default).")
    int chunkValues;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--commit-interval-ms", description = "Kafka Streams' commit interval (default: its own, 100 ms exactly once).")
    Integer commitIntervalMs;

    @Option(names = "--streams-setting", paramLabel = "KEY=VALUE", description = "A Kafka Streams setting for both stages, "
            + "applied last (repeatable), e.g. --streams-setting input.buffer.max.bytes=33554432.")
    Map<String, String> streamsOverrides = new LinkedHashMap<>();

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run each size through the baseline topology (default: ${DEFAULT-VALUE}; --no-baseline skips it).")
    boolean baseline;

    @Option(names = "--jvm-warmup-parameters", defaultValue = "100000", description = "Before measuring, run each case once, "
            + "unmeasured, with a model of this many parameters; 0 skips it (default: ${DEFAULT-VALUE}).")
    long jvmWarmupParameters;

    @Option(names = "--seed", defaultValue = "15", description = "Seed of the models' values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stall-timeout", defaultValue = "120s", converter = DurationConverter.class,
            description = "Fail when no output arrives for this long (default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--output", required = true, description = "Base name of the outputs: <output>.jsonl, <output>.md, <output>.png.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelSettings settings;
        Path jsonl;
        try {
            settings = new ModelSettings(sources, versions, chunkValues, partitions, guarantee, commitIntervalMs, stallTimeout, seed,
                    streamsOverrides);
            for (long d : parameters) {
                if (d < 1) {
                    throw new IllegalArgumentException("--parameters: " + d + " is not a model size (at least 1)");
                }
            }
            jsonl = sibling(".jsonl");
            Path parent = jsonl.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(jsonl);
        } catch (IllegalArgumentException | IOException e) {
            err.println("bayesfuse bench models: " + e.getMessage());
            return 2;
        }
        List<ModelSizeBenchmark.Kind> kinds = baseline ? List.of(ModelSizeBenchmark.Kind.BASELINE, ModelSizeBenchmark.Kind.FUSION)
                : List.of(ModelSizeBenchmark.Kind.FUSION);
        try (BenchStack stack = cluster.open()) {
            ModelSizeBenchmark benchmark = new ModelSizeBenchmark(stack, settings, err);
            if (jvmWarmupParameters > 0) {
                for (ModelSizeBenchmark.Kind kind : kinds) {
                    err.printf(Locale.ROOT, "JVM warm-up: %s with %,d parameters (not measured)%n", kind.label(), jvmWarmupParameters);
                    benchmark.run(kind, jvmWarmupParameters);
                }
            }
            Map<String, Object> environment = new LinkedHashMap<>(Environment.describe(stack));
            environment.put("jvmWarmupParameters", jvmWarmupParameters);
            List<ModelResult> results = new ArrayList<>();
            for (long d : parameters) {
                for (ModelSizeBenchmark.Kind kind : kinds) {
                    err.printf(Locale.ROOT, "== %s: %,d parameters, %d sources x %d versions%n", kind.label(), d, sources, versions);
                    ModelResult result = benchmark.run(kind, d);
                    results.add(result);
                    String line = jsonLine(settings, result, environment);
                    Files.writeString(jsonl, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    String table = table(settings, results);
                    Files.writeString(sibling(".md"), table, StandardCharsets.UTF_8);
                    out.println(line);
                    out.flush();
                }
            }
            out.print(table(settings, results));
            out.flush();
            chart(results, sibling(".png"));
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("bayesfuse bench models: failed: " + e.getMessage());
            return 1;
        }
    }

    private Path sibling(String extension) {
        String name = output.getFileName().toString().replaceFirst("\\.(jsonl|md|png)$", "");
        return output.resolveSibling(name + extension);
    }

    static String jsonLine(ModelSettings settings, ModelResult r, Map<String, Object> environment) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stage", r.stage());
        root.put("parameters", r.parameters());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("sources", settings.sources());
        config.put("versions", settings.versions());
        config.put("chunkValues", settings.chunkValues());
        config.put("partitions", settings.partitions());
        config.put("guarantee", settings.guarantee());
        config.put("commitIntervalMs", settings.effectiveCommitIntervalMs());
        config.put("seed", settings.seed());
        config.put("streamsOverrides", settings.streamsOverrides());
        root.put("settings", config);
        root.put("chunks", r.chunks());
        root.put("chunkRecords", r.chunkRecords());
        root.put("outputs", r.outputs());
        root.put("deadLetters", r.deadLetters());
        root.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        root.put("parametersPerSecond", Math.round(r.parametersPerSecond()));
        root.put("chunkRecordsPerSecond", Math.round(r.chunkRecordsPerSecond() * 10) / 10.0);
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("usedPeakBytes", r.heap().usedPeakBytes());
        heap.put("afterGcPeakBytes", r.heap().afterGcPeakBytes());
        heap.put("poolPeakSumBytes", r.heap().poolPeakSumBytes());
        heap.put("poolPeakBytes", r.heap().poolPeakBytes());
        heap.put("collections", r.heap().collections());
        heap.put("collectionMillis", r.heap().collectionMillis());
        heap.put("maxHeapBytes", r.heap().maxHeapBytes());
        root.put("heap", heap);
        root.put("stateStoreBytes", r.stateStoreBytes());
        if (r.check() != null) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("consistent", true);
            check.put("chunks", r.check().chunks());
            check.put("digest", r.check().digest());
            check.put("fusedRecordsRead", r.check().records());
            check.put("equalToKernels", true);
            root.put("check", check);
        }
        root.put("environment", environment);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the model benchmark's result as JSON", e);
        }
    }

    static String table(ModelSettings settings, List<ModelResult> results) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "### Model size (Fisher, %d sources x %d versions, chunks of "
                + "%,d values, %s)%n%n", settings.sources(), settings.versions(), settings.chunkValues(), settings.guarantee()));
        md.append("| parameters | stage | chunks | chunk records | seconds | parameters merged/s | chunk records/s | heap used, peak MB "
                + "| heap after GC, peak MB | pools' peaks summed, MB | GCs (ms) | max heap MB | state on disk MB | consistent |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ModelResult r : results) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %.2f | %,.0f | %,.1f | %,d | %,d | %,d | %d (%,d) | %,d | %.1f | %s |%n",
                    r.parameters(), r.stage(), r.chunks(), r.chunkRecords(), r.seconds(), r.parametersPerSecond(),
                    r.chunkRecordsPerSecond(), r.heap().usedPeakBytes() >> 20, r.heap().afterGcPeakBytes() >> 20,
                    r.heap().poolPeakSumBytes() >> 20, r.heap().collections(),
                    r.heap().collectionMillis(), r.heap().maxHeapBytes() >> 20, r.stateStoreBytes() / 1e6,
                    r.check() == null ? "n/a" : "yes (" + r.check().digest() + ")"));
        }
        return md.toString();
    }

    static void chart(List<ModelResult> results, Path png) {
        Map<String, List<double[]>> throughput = new LinkedHashMap<>();
        Map<String, List<double[]>> heap = new LinkedHashMap<>();
        for (ModelResult r : results) {
            throughput.computeIfAbsent(r.stage(), s -> new ArrayList<>()).add(new double[] {r.parameters(), r.parametersPerSecond()});
            heap.computeIfAbsent(r.stage() + " used, peak", s -> new ArrayList<>())
                    .add(new double[] {r.parameters(), r.heap().usedPeakBytes() / 1e6});
            heap.computeIfAbsent(r.stage() + " after GC", s -> new ArrayList<>())
                    .add(new double[] {r.parameters(), r.heap().afterGcPeakBytes() / 1e6});
        }
        Chart.write(png, 560, 400,
                Chart.lines("Parameters merged per second", "parameters (d)", "parameters x source updates / s", series(throughput), true),
                Chart.lines("Heap high-water mark", "parameters (d)", "MB", series(heap), true));
    }

    private static List<Chart.Series> series(Map<String, List<double[]>> points) {
        return points.entrySet().stream().map(e -> new Chart.Series(e.getKey(), e.getValue())).toList();
    }
}
