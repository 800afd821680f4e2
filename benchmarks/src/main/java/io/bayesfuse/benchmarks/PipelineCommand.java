package io.bayesfuse.benchmarks;

import org.jfree.chart.JFreeChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bayesfuse bench pipeline}: the stages' throughput and latency against a baseline, in one run. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {
                "Measure throughput (records/s from the first input sent to the last output committed) and end-to-end "
                        + "latency (produce time to visibility for a read_committed consumer: p50/p95/p99/max) of, in one run: "
                        + "a baseline topology (same Avro serdes, one small store value read and written per record, same "
                        + "processing guarantee, no maths), the filter stage (a Kalman filter per entity), a baseline on "
                        + "posterior updates, and the fusion stage (product rule, d dimensions, K sources per quantity).",
                "Runs against an embedded broker and registry unless --bootstrap and --registry are given. Each stage gets "
                        + "fresh topics and a warm-up batch before it is measured.",
                "Prints progress on stderr, a table on stdout and, as the last line, one JSON object with the figures and the "
                        + "ratios filterVsBaseline and fusionVsBaseline (throughput; fusion against the baseline of the same "
                        + "posterior-update input)."},
        footer = {"", "Example: ./bayesfuse bench pipeline --records 50000 --entities 1000 --output docs/bench/pipeline", "",
                "Exit status: 0 when every stage completed, 1 when one failed or stalled, 2 for invalid options."})
public final class PipelineCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions options;

    @Option(names = "--output", description = "Also write <output>.json (the JSON line) and <output>.png (a chart); "
            + "a trailing .json is ignored.")
    Path output;

    @Option(names = "--jvm-per-stage", description = "Run each stage in a JVM of its own (started by this one, with its "
            + "JVM options and class path, against this process's cluster), as a deployment does; by default all stages run "
            + "in this JVM, one after the other.")
    boolean jvmPerStage;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineSettings settings;
        try {
            settings = options.settings();
        } catch (IllegalArgumentException e) {
            err.println("bayesfuse bench pipeline: " + e.getMessage());
            return 2;
        }
        try (BenchStack stack = options.cluster.open()) {
            List<StageResult> results;
            if (jvmPerStage) {
                results = new StageJvms(stack, options, err).run(settings.stages());
            } else {
                PipelineBenchmark benchmark = new PipelineBenchmark(stack, settings, err);
                benchmark.warmUpJvm(options.jvmWarmup);
                results = benchmark.run();
            }
            Map<String, Object> environment = new LinkedHashMap<>(Environment.describe(stack));
            environment.put("jvmWarmupRecordsPerStage", options.jvmWarmup);
            environment.put("jvmPerStage", jvmPerStage);
            BenchReport report = new BenchReport(settings, results, environment);
            if (output != null) {
                write(report, output);
            }
            out.print(report.table());
            out.println(report.jsonLine());
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bayesfuse bench pipeline: " + e.getMessage());
            return 2;
        } catch (RuntimeException | IOException e) {
            err.println("bayesfuse bench pipeline: failed: " + e.getMessage());
            return 1;
        }
    }

    /** Writes {@code <base>.json} and {@code <base>.png}. */
    static void write(BenchReport report, Path base) throws IOException {
        String name = base.getFileName().toString().replaceFirst("\\.json$", "");
        Path json = base.resolveSibling(name + ".json");
        Path png = base.resolveSibling(name + ".png");
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(json, report.jsonLine() + "\n", StandardCharsets.UTF_8);
        chart(report, png);
    }

    static void chart(BenchReport report, Path png) {
        Map<String, Double> throughput = new LinkedHashMap<>();
        Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
        for (String percentile : new String[] {"p50", "p95", "p99"}) {
            latency.put(percentile, new LinkedHashMap<>());
        }
        for (StageResult r : report.results()) {
            throughput.put(r.stage().label(), r.recordsPerSecond());
            latency.get("p50").put(r.stage().label(), r.latency().p50());
            latency.get("p95").put(r.stage().label(), r.latency().p95());
            latency.get("p99").put(r.stage().label(), r.latency().p99());
        }
        String rate = report.settings().rate() > 0 ? String.format(" at %.0f records/s", report.settings().rate()) : "";
        JFreeChart left = Chart.bars("Throughput (" + report.settings().guarantee() + ")", "records/s",
                Map.of("throughput", throughput));
        JFreeChart right = Chart.bars("End-to-end latency" + rate, "ms", latency);
        Chart.write(png, 640, 420, left, right);
    }
}
