package io.bayesfuse.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The pipeline benchmark's results: a table for people, and one JSON object on one line for
 * scripts. {@code filterVsBaseline} is the filter stage's throughput over the baseline's (the
 * same measurement input); {@code fusionVsBaseline} is the fusion stage's over the baseline of
 * the same posterior-update input ({@code baseline-posteriors}), or over the measurement baseline
 * when that one was not run. A ratio is null when a stage it needs was not run.
 */
public record BenchReport(PipelineSettings settings, List<StageResult> results, Map<String, Object> environment) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchReport {
        results = List.copyOf(results);
        environment = Map.copyOf(environment);
    }

    public Double filterVsBaseline() {
        return ratio(Stage.FILTER, Stage.BASELINE);
    }

    public Double fusionVsBaseline() {
        return forFusion(this::ratio);
    }

    /** Examples per second through the learner stage over the same examples forwarded by the baseline. */
    public Double learnerVsBaseline() {
        return ratio(Stage.LEARNER, Stage.BASELINE_EXAMPLES);
    }

    /**
     * The filter stage's work per record against the baseline's: the baseline's CPU microseconds per
     * record over the filter's, without the JIT compilers' time (see {@link CpuTime}); null as {@link #filterVsBaseline()}.
     */
    public Double filterCpuVsBaseline() {
        return cpuRatio(Stage.FILTER, Stage.BASELINE);
    }

    /** As {@link #filterCpuVsBaseline()} for the fusion stage against the baseline of its input. */
    public Double fusionCpuVsBaseline() {
        return forFusion(this::cpuRatio);
    }

    /** {@code ratio} of the fusion stage against the baseline of its own input, else against the measurement baseline. */
    private Double forFusion(BiFunction<Stage, Stage, Double> ratio) {
        Double sameInput = ratio.apply(Stage.FUSION, Stage.BASELINE_POSTERIORS);
        return sameInput != null ? sameInput : ratio.apply(Stage.FUSION, Stage.BASELINE);
    }

    private Double cpuRatio(Stage stage, Stage baseline) {
        StageResult work = result(stage);
        StageResult reference = result(baseline);
        if (work == null || reference == null || work.cpuMicrosPerRecord() <= 0 || reference.cpuMicrosPerRecord() <= 0) {
            return null;
        }
        return reference.cpuMicrosPerRecord() / work.cpuMicrosPerRecord();
    }

    private Double ratio(Stage stage, Stage baseline) {
        StageResult numerator = result(stage);
        StageResult denominator = result(baseline);
        if (numerator == null || denominator == null || denominator.recordsPerSecond() <= 0) {
            return null;
        }
        return numerator.recordsPerSecond() / denominator.recordsPerSecond();
    }

    public StageResult result(Stage stage) {
        return results.stream().filter(r -> r.stage() == stage).findFirst().orElse(null);
    }

    /** The human-readable table (one row per stage, then the ratios). */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-20s %10s %10s %12s %9s %9s %9s %9s %12s %8s %11s %9s%n", "stage", "records",
                "seconds", "records/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "state bytes", "dead", "cpu us/rec", "jit cpu"));
        for (StageResult r : results) {
            out.append(String.format(Locale.ROOT, "%-20s %,10d %10.2f %,12.0f %9.0f %9.0f %9.0f %9.0f %,12d %8d %11.1f %8.0f%%%n",
                    r.stage().label(), r.outputs(), r.seconds(), r.recordsPerSecond(), r.latency().p50(), r.latency().p95(),
                    r.latency().p99(), r.latency().max(), r.stateStoreBytes(), r.deadLetters(), r.cpuMicrosPerRecord(),
                    r.cpu().processSeconds() > 0 ? 100 * r.cpu().compilerSeconds() / r.cpu().processSeconds() : 0));
        }
        out.append(String.format(Locale.ROOT, "filter vs baseline: %s   fusion vs baseline: %s%s%n",
                format(filterVsBaseline()), format(fusionVsBaseline()),
                learnerVsBaseline() == null ? "" : "   learner vs baseline: " + format(learnerVsBaseline())));
        out.append(String.format(Locale.ROOT, "CPU per record without the JIT compilers, baseline's over the stage's: "
                + "filter %s   fusion %s%n", format(filterCpuVsBaseline()), format(fusionCpuVsBaseline())));
        return out.toString();
    }

    private static String format(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    /** Everything as one JSON object on one line. */
    public String jsonLine() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("records", settings.records());
        config.put("warmupRecords", settings.warmupRecords());
        config.put("entities", settings.entities());
        config.put("quantities", settings.quantities());
        config.put("sources", settings.sources());
        config.put("dimension", settings.dimension());
        config.put("partitions", settings.partitions());
        config.put("threads", settings.threads());
        config.put("instances", settings.instances());
        config.put("guarantee", settings.guarantee());
        config.put("commitIntervalMs", settings.effectiveCommitIntervalMs());
        config.put("rate", settings.rate());
        root.put("settings", config);
        root.put("environment", new LinkedHashMap<>(environment));
        Map<String, Object> stages = new LinkedHashMap<>();
        for (StageResult r : results) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("records", r.records());
            stage.put("outputs", r.outputs());
            stage.put("seconds", round(r.seconds(), 3));
            stage.put("recordsPerSecond", round(r.recordsPerSecond(), 1));
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("count", r.latency().count());
            latency.put("p50", r.latency().p50());
            latency.put("p95", r.latency().p95());
            latency.put("p99", r.latency().p99());
            latency.put("max", r.latency().max());
            stage.put("latencyMs", latency);
            stage.put("stateStoreBytes", r.stateStoreBytes());
            stage.put("deadLetters", r.deadLetters());
            stage.put("cpuSeconds", round(r.cpu().processSeconds(), 3));
            stage.put("compilerCpuSeconds", round(r.cpu().compilerSeconds(), 3));
            stage.put("cpuMicrosPerRecord", round(r.cpuMicrosPerRecord(), 2));
            stages.put(r.stage().label(), stage);
        }
        root.put("stages", stages);
        root.put("filterVsBaseline", roundOrNull(filterVsBaseline()));
        root.put("fusionVsBaseline", roundOrNull(fusionVsBaseline()));
        root.put("filterCpuVsBaseline", roundOrNull(filterCpuVsBaseline()));
        root.put("fusionCpuVsBaseline", roundOrNull(fusionCpuVsBaseline()));
        if (learnerVsBaseline() != null) {
            root.put("learnerVsBaseline", roundOrNull(learnerVsBaseline()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark report as JSON", e);
        }
    }

    /**
     * The result of {@code stage} in a report's JSON line (as {@link #jsonLine()} writes it; seconds
     * and records per second rounded as written there).
     *
     * @throws IllegalArgumentException when the line holds no result of that stage
     */
    public static StageResult stageResult(String jsonLine, Stage stage) {
        JsonNode r;
        try {
            r = JSON.readTree(jsonLine).path("stages").path(stage.label());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark report's JSON line: " + e.getOriginalMessage(), e);
        }
        if (!r.isObject()) {
            throw new IllegalArgumentException("the benchmark report holds no result of the stage " + stage);
        }
        JsonNode latency = r.path("latencyMs");
        return new StageResult(stage, r.path("records").asLong(), r.path("outputs").asLong(), r.path("seconds").asDouble(),
                r.path("recordsPerSecond").asDouble(), new LatencySummary(latency.path("count").asLong(),
                latency.path("p50").asDouble(), latency.path("p95").asDouble(), latency.path("p99").asDouble(),
                latency.path("max").asDouble()), r.path("stateStoreBytes").asLong(), r.path("deadLetters").asLong(),
                new CpuTime(r.path("cpuSeconds").asDouble(), r.path("compilerCpuSeconds").asDouble()));
    }

    private static Double roundOrNull(Double value) {
        return value == null ? null : round(value, 4);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
