package io.bayesfuse.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse bench tracking}: scans/s and detections/s of the tracking stage with many targets
 * and clutter in one region (the region tracker alone, then on Kafka Streams), and how throughput
 * grows with the number of regions over the partitions.
 */
@Command(name = "tracking", mixinStandardHelpOptions = true,
        description = {
                "Benchmark multi-target tracking on scans of --targets targets (P_D 0.9) and --clutter false detections each: "
                        + "the region tracker alone (no Kafka), then the tracking stage on Kafka Streams (exactly once) with one "
                        + "region, then with each of --regions regions over --partitions partitions.",
                "Writes <output>.json (every run) and <output>.png (throughput against regions); prints a table."},
        footer = {"", "Example: ./bayesfuse bench tracking --output docs/bench/tracking"})
public final class TrackingBenchCommand implements Callable<Integer> {

    @Option(names = "--targets", defaultValue = "100", description = "Targets per region (default: ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--clutter", defaultValue = "50", description = "False detections per scan (default: ${DEFAULT-VALUE}).")
    int clutter;

    @Option(names = "--scans", defaultValue = "1500", description = "Measured scans per run (default: ${DEFAULT-VALUE}).")
    int scans;

    @Option(names = "--warmup", defaultValue = "300", description = "Unmeasured scans before each run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--regions", defaultValue = "1,2,4,8", split = ",", description = "Region counts of the sweep (default: ${DEFAULT-VALUE}).")
    List<Integer> regions;

    @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the detections topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "2", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--output", description = "Path prefix of the JSON and PNG files (e.g. docs/bench/tracking).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<TrackingBenchmark.Result> results = new ArrayList<>();
        Map<String, Object> environment;
        try (BenchStack stack = cluster.open()) {
            environment = Environment.describe(stack);
            TrackingBenchmark bench = new TrackingBenchmark(stack, out);
            results.add(bench.tracker(targets, clutter, warmup, scans));
            out.printf(Locale.ROOT, "tracker alone: %.0f scans/s%n", results.get(0).scansPerSecond());
            for (int r : regions) {
                try {
                    results.add(bench.stream(r, partitions, threads, targets, clutter, warmup, scans));
                } catch (IllegalStateException e) {
                    // seen once on the embedded broker right after the previous run's topics were deleted
                    out.println("run with " + r + " regions failed (" + e.getMessage() + "); running it again");
                    results.add(bench.stream(r, partitions, threads, targets, clutter, warmup, scans));
                }
            }
        }
        out.println();
        out.println("| run | regions | partitions | threads | scans | detections/scan | scans/s | detections/s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (TrackingBenchmark.Result r : results) {
            out.printf(Locale.ROOT, "| %s | %d | %d | %d | %,d | %.1f | %,.0f | %,.0f |%n", r.mode(), r.regions(), r.partitions(),
                    r.threads(), r.scans(), (double) r.detections() / r.scans(), r.scansPerSecond(), r.detectionsPerSecond());
        }
        if (output != null) {
            write(results, environment);
            out.println("wrote " + output + ".json and " + output + ".png");
        }
        out.flush();
        return 0;
    }

    private void write(List<TrackingBenchmark.Result> results, Map<String, Object> environment) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("targets", targets).put("clutterPerScan", clutter).put("scansPerRun", scans).put("warmupScans", warmup);
        root.set("environment", json.valueToTree(environment));
        ArrayNode runs = root.putArray("runs");
        for (TrackingBenchmark.Result r : results) {
            runs.addObject().put("mode", r.mode()).put("regions", r.regions()).put("partitions", r.partitions())
                    .put("threads", r.threads()).put("scans", r.scans()).put("detections", r.detections())
                    .put("seconds", r.seconds()).put("scansPerSecond", r.scansPerSecond())
                    .put("detectionsPerSecond", r.detectionsPerSecond());
        }
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        json.writerWithDefaultPrettyPrinter().writeValue(output.resolveSibling(output.getFileName() + ".json").toFile(), root);
        List<double[]> points = new ArrayList<>();
        for (TrackingBenchmark.Result r : results) {
            if (r.mode().equals("stream")) {
                points.add(new double[]{r.regions(), r.scansPerSecond()});
            }
        }
        Chart.write(output.resolveSibling(output.getFileName() + ".png"), 800, 450, Chart.lines(
                String.format(Locale.ROOT, "Tracking stage: %d targets + %d false detections per scan, %d partitions, %d threads",
                        targets, clutter, partitions, threads),
                "regions", "scans per second", List.of(new Chart.Series("tracking stage (exactly once)", points)), false));
    }
}
