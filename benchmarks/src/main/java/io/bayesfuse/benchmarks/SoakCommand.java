package io.bayesfuse.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.simulate.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/** {@code bayesfuse bench soak}: the full topology at a fixed input rate for a duration, sampled over time. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {
                "Feed the full topology (filter and fusion stages in one application) at a fixed --rate for --duration and "
                        + "sample, every --sample-interval: input and output rates, consumer lag, this process's RSS "
                        + "(/proc/self/status VmRSS; with the embedded broker it includes the broker), the state directory's "
                        + "size on disk and end-to-end latency (p50/p99).",
                "Prints a progress line per sample on stderr; writes <output>.csv, <output>.json and <output>.png."},
        footer = {"", "Example: ./bayesfuse bench soak --rate 1000 --duration 5m --output docs/bench/soak"})
public final class SoakCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "1000", description = "Input records per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "5m", converter = DurationConverter.class, description = "How long (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--sample-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "Time between samples (default: ${DEFAULT-VALUE}).")
    Duration sampleInterval;

    @Mixin
    WorkloadOptions workload;

    @Mixin
    StreamsOptions streams;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--posterior-share", defaultValue = "0.1", description = "Fraction of the input that is posterior updates (default: ${DEFAULT-VALUE}).")
    double posteriorShare;

    @Option(names = "--output", defaultValue = "bayesfuse-soak", description = "Writes <output>.csv, .json and .png (default: ${DEFAULT-VALUE}).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SoakRun.Settings settings;
        try {
            settings = new SoakRun.Settings(rate, duration, sampleInterval, workload.entities, workload.quantities, workload.sources,
                    workload.dimension, posteriorShare, streams.partitions, streams.threads, streams.guarantee, streams.commitIntervalMs);
        } catch (IllegalArgumentException e) {
            err.println("bayesfuse bench soak: " + e.getMessage());
            return 2;
        }
        try (BenchStack stack = cluster.open()) {
            List<SoakSample> samples = new SoakRun(stack, settings, err).run();
            write(samples, settings, Environment.describe(stack), output);
            out.println(summary(samples));
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bayesfuse bench soak: " + e.getMessage());
            return 2;
        } catch (RuntimeException | IOException e) {
            err.println("bayesfuse bench soak: failed: " + e.getMessage());
            return 1;
        }
    }

    static String summary(List<SoakSample> samples) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", samples.size());
        summary.put("meanInputPerSecond", mean(samples, SoakSample::inputPerSecond));
        summary.put("meanOutputPerSecond", mean(samples, SoakSample::outputPerSecond));
        summary.put("maxLag", samples.stream().mapToLong(SoakSample::lag).max().orElse(0));
        summary.put("lastLag", samples.isEmpty() ? 0 : samples.get(samples.size() - 1).lag());
        summary.put("maxRssBytes", samples.stream().mapToLong(SoakSample::rssBytes).max().orElse(0));
        summary.put("lastRssBytes", samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssBytes());
        summary.put("maxStateBytes", samples.stream().mapToLong(SoakSample::stateBytes).max().orElse(0));
        summary.put("maxP99Ms", samples.stream().mapToDouble(SoakSample::p99Ms).max().orElse(0));
        try {
            return new ObjectMapper().writeValueAsString(summary);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double mean(List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        return Math.round(samples.stream().mapToDouble(value).average().orElse(0) * 10) / 10.0;
    }

    static void write(List<SoakSample> samples, SoakRun.Settings settings, Map<String, Object> environment, Path base)
            throws IOException {
        Path parent = base.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = base.getFileName().toString();
        List<String> csv = new ArrayList<>();
        csv.add(SoakSample.CSV_HEADER);
        samples.forEach(s -> csv.add(s.csv()));
        Files.write(base.resolveSibling(name + ".csv"), csv, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings.toString());
        json.put("environment", environment);
        json.put("summary", new ObjectMapper().readValue(summary(samples), Map.class));
        json.put("samples", samples);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(base.resolveSibling(name + ".json").toFile(), json);
        Chart.write(base.resolveSibling(name + ".png"), 900, 1100, Chart.stacked(
                String.format("Soak: %.0f records/s for %s", settings.rate(), settings.duration()), "seconds", List.of(
                        new Chart.Panel("records/s", List.of(series("input", samples, SoakSample::inputPerSecond),
                                series("output", samples, SoakSample::outputPerSecond))),
                        new Chart.Panel("consumer lag", List.of(series("lag", samples, s -> s.lag()))),
                        new Chart.Panel("RSS (MB)", List.of(series("RSS", samples, s -> s.rssBytes() / 1048576.0))),
                        new Chart.Panel("state on disk (MB)", List.of(series("state", samples, s -> s.stateBytes() / 1048576.0))),
                        new Chart.Panel("latency (ms)", List.of(series("p50", samples, SoakSample::p50Ms),
                                series("p99", samples, SoakSample::p99Ms))))));
    }

    private static Chart.Series series(String name, List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        return new Chart.Series(name, samples.stream().map(s -> new double[] {s.seconds(), value.applyAsDouble(s)}).toList());
    }
}
