package io.bayesfuse.benchmarks;

import org.apache.kafka.streams.StreamsConfig;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse bench scaling}: pipeline benchmarks swept over entities, parallelism and
 * guarantees, with a table and a chart per sweep.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = {
                "Run pipeline benchmarks over: entities (throughput and state-store size for each --entity-counts; each "
                        + "run gets at least one record per entity), parallelism (1 thread, 2 threads, 2 instances of 1 "
                        + "thread), guarantee (exactly once vs at least once at full speed), latency (p50/p99 at a fixed "
                        + "--latency-rate for each --commit-intervals, both guarantees) and sources (the fusion stage and the "
                        + "baseline on posteriors for each of --source-counts sources per quantity, K; not in the default set).",
                "In the sources sweep each K gets a warm-up of at least quantities x K records (every source's first "
                        + "arrival) and at least quantities x K measured records, so every source is updated at least twice "
                        + "and the measured window holds replacements only.",
                "Writes <output>/scaling-<sweep>.png, and scaling-<sweeps>.md (the tables) and scaling-<sweeps>.jsonl (every run's "
                        + "JSON line), <sweeps> being the sweeps run joined by '-'."},
        footer = {"", "Example: ./bayesfuse bench scaling --records 50000 --output docs/bench", "",
                "The other options (--records, --partitions, ...) apply to every run, as in 'bench pipeline'."})
public final class ScalingCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions options;

    @Option(names = "--sweeps", defaultValue = "entities,parallelism,guarantee,latency", split = ",",
            description = "Which sweeps to run (default: ${DEFAULT-VALUE}).")
    List<String> sweeps;

    @Option(names = "--entity-counts", defaultValue = "100,10000,1000000", description = "Entities per run of the entities sweep (default: ${DEFAULT-VALUE}).")
    String entityCounts;

    @Option(names = "--source-counts", defaultValue = "10,100,1000,10000", description = "Sources per quantity (K) of the "
            + "sources sweep (default: ${DEFAULT-VALUE}).")
    String sourceCounts;

    @Option(names = "--commit-intervals", defaultValue = "50,100,500,1000", description = "Commit intervals (ms) of the latency sweep (default: ${DEFAULT-VALUE}).")
    String commitIntervals;

    @Option(names = "--latency-rate", defaultValue = "0", description = "Input rate of the latency sweep; 0: half the filter's "
            + "exactly-once throughput measured by the guarantee sweep, or 2000 without it (default: ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--output", required = true, description = "The directory for the charts and tables.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final List<String> SWEEPS = List.of("entities", "parallelism", "guarantee", "latency", "sources");

    private PrintWriter out;
    private PrintWriter err;
    private final StringBuilder markdown = new StringBuilder();

    @Override
    public Integer call() throws InterruptedException {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        PipelineSettings base;
        try {
            base = options.settings();
            for (String sweep : sweeps) {
                if (!SWEEPS.contains(sweep)) {
                    throw new IllegalArgumentException("--sweeps: unknown sweep '" + sweep + "'");
                }
            }
            Files.createDirectories(output);
            Files.deleteIfExists(output.resolve(fileBase() + ".jsonl"));
        } catch (IllegalArgumentException | IOException e) {
            err.println("bayesfuse bench scaling: " + e.getMessage());
            return 2;
        }
        try (BenchStack stack = options.cluster.open()) {
            double halfFilter = 0;
            List<Stage> warmed = sweeps.stream().allMatch("sources"::equals) ? SourcesSweep.STAGES : PipelineSettings.ALL_STAGES;
            new PipelineBenchmark(stack, base.withStages(warmed), err).warmUpJvm(options.jvmWarmup);
            if (sweeps.contains("entities")) {
                entities(stack, base);
            }
            if (sweeps.contains("parallelism")) {
                parallelism(stack, base);
            }
            if (sweeps.contains("guarantee")) {
                halfFilter = guarantee(stack, base) / 2;
            }
            if (sweeps.contains("latency")) {
                double rate = latencyRate > 0 ? latencyRate : halfFilter > 0 ? Math.floor(halfFilter) : 2000;
                latency(stack, base, rate);
            }
            if (sweeps.contains("sources")) {
                sources(stack, base);
            }
            Files.writeString(output.resolve(fileBase() + ".md"), markdown.toString(), StandardCharsets.UTF_8);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bayesfuse bench scaling: " + e.getMessage());
            return 2;
        } catch (RuntimeException | IOException e) {
            err.println("bayesfuse bench scaling: failed: " + e.getMessage());
            return 1;
        }
    }

    private BenchReport run(BenchStack stack, String sweep, String label, PipelineSettings settings)
            throws InterruptedException, IOException {
        err.printf(Locale.ROOT, "== %s: %s%n", sweep, label);
        BenchReport report = new BenchReport(settings, new PipelineBenchmark(stack, settings, err).run(), Environment.describe(stack));
        out.print(report.table());
        out.flush();
        Files.writeString(output.resolve(fileBase() + ".jsonl"), "{\"sweep\":\"" + sweep + "\",\"run\":\"" + label + "\",\"report\":"
                + report.jsonLine() + "}\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return report;
    }

    private void entities(BenchStack stack, PipelineSettings base) throws InterruptedException, IOException {
        List<Stage> stages = List.of(Stage.BASELINE, Stage.FILTER);
        List<double[]> baseline = new ArrayList<>();
        List<double[]> filter = new ArrayList<>();
        List<double[]> baselineBytes = new ArrayList<>();
        List<double[]> filterBytes = new ArrayList<>();
        table("Entities", "| entities | records | baseline records/s | filter records/s | filter/baseline | baseline state (MB) | filter state (MB) | filter bytes/entity |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int count : PipelineOptions.integers(entityCounts)) {
            PipelineSettings settings = base.withEntities(count).withRecords(Math.max(base.records(), count))
                    .withStages(stages).withRate(0);
            BenchReport report = run(stack, "entities", count + " entities", settings);
            StageResult b = report.result(Stage.BASELINE);
            StageResult f = report.result(Stage.FILTER);
            baseline.add(new double[] {count, b.recordsPerSecond()});
            filter.add(new double[] {count, f.recordsPerSecond()});
            baselineBytes.add(new double[] {count, b.stateStoreBytes() / 1e6});
            filterBytes.add(new double[] {count, f.stateStoreBytes() / 1e6});
            row(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,.0f | %.2f | %.1f | %.1f | %,.0f |", count, settings.records(),
                    b.recordsPerSecond(), f.recordsPerSecond(), report.filterVsBaseline(), b.stateStoreBytes() / 1e6,
                    f.stateStoreBytes() / 1e6, (double) f.stateStoreBytes() / count));
        }
        Chart.write(output.resolve("scaling-entities.png"), 560, 400,
                Chart.lines("Throughput vs entities", "entities", "records/s",
                        List.of(new Chart.Series("baseline", baseline), new Chart.Series("filter", filter)), true),
                Chart.lines("State store size vs entities", "entities", "MB on disk",
                        List.of(new Chart.Series("baseline", baselineBytes), new Chart.Series("filter", filterBytes)), true));
    }

    private void parallelism(BenchStack stack, PipelineSettings base) throws InterruptedException, IOException {
        record Layout(String label, int threads, int instances) {
        }
        List<Layout> layouts = List.of(new Layout("1 thread", 1, 1), new Layout("2 threads", 2, 1),
                new Layout("2 instances x 1 thread", 1, 2));
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        table("Parallelism", "| layout | stage | records/s | p50 ms | p99 ms |", "|---|---|---:|---:|---:|");
        for (Layout layout : layouts) {
            PipelineSettings settings = base.withParallelism(layout.threads(), layout.instances()).withRate(0);
            BenchReport report = run(stack, "parallelism", layout.label(), settings);
            for (StageResult r : report.results()) {
                bars.computeIfAbsent(r.stage().label(), s -> new LinkedHashMap<>()).put(layout.label(), r.recordsPerSecond());
                row(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.0f | %.0f |", layout.label(), r.stage().label(),
                        r.recordsPerSecond(), r.latency().p50(), r.latency().p99()));
            }
        }
        Chart.write(output.resolve("scaling-parallelism.png"), 800, 420,
                Chart.bars("Throughput by stream threads and instances", "records/s", bars));
    }

    /** @return the filter's exactly-once throughput */
    private double guarantee(BenchStack stack, PipelineSettings base) throws InterruptedException, IOException {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        double filterExactlyOnce = 0;
        table("Guarantee", "| guarantee | commit interval ms | stage | records/s | p50 ms | p99 ms |", "|---|---:|---|---:|---:|---:|");
        for (String guarantee : List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE)) {
            PipelineSettings settings = base.withGuarantee(guarantee, base.commitIntervalMs()).withRate(0);
            BenchReport report = run(stack, "guarantee", guarantee, settings);
            for (StageResult r : report.results()) {
                bars.computeIfAbsent(r.stage().label(), s -> new LinkedHashMap<>()).put(guarantee, r.recordsPerSecond());
                row(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %.0f | %.0f |", guarantee, settings.effectiveCommitIntervalMs(),
                        r.stage().label(), r.recordsPerSecond(), r.latency().p50(), r.latency().p99()));
                if (r.stage() == Stage.FILTER && guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
                    filterExactlyOnce = r.recordsPerSecond();
                }
            }
        }
        Chart.write(output.resolve("scaling-guarantee.png"), 800, 420,
                Chart.bars("Throughput: exactly once vs at least once", "records/s", bars));
        return filterExactlyOnce;
    }

    private void latency(BenchStack stack, PipelineSettings base, double rate) throws InterruptedException, IOException {
        table(String.format(Locale.ROOT, "Latency of the filter stage at %,.0f records/s", rate),
                "| guarantee | commit interval ms | records/s | p50 ms | p95 ms | p99 ms | max ms | p99 ≤ commit + 50 ms |",
                "|---|---:|---:|---:|---:|---:|---:|---|");
        List<Chart.Series> p99 = new ArrayList<>();
        List<Chart.Series> p50 = new ArrayList<>();
        for (String guarantee : List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE)) {
            List<double[]> p99Points = new ArrayList<>();
            List<double[]> p50Points = new ArrayList<>();
            for (int interval : PipelineOptions.integers(commitIntervals)) {
                PipelineSettings settings = base.withGuarantee(guarantee, interval).withRate(rate).withStages(List.of(Stage.FILTER));
                StageResult r = run(stack, "latency", guarantee + ", commit " + interval + " ms", settings).result(Stage.FILTER);
                p99Points.add(new double[] {interval, r.latency().p99()});
                p50Points.add(new double[] {interval, r.latency().p50()});
                row(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.0f | %.0f | %.0f | %.0f | %s |", guarantee, interval,
                        r.recordsPerSecond(), r.latency().p50(), r.latency().p95(), r.latency().p99(), r.latency().max(),
                        r.latency().p99() <= interval + 50 ? "yes" : "no"));
            }
            p99.add(new Chart.Series(guarantee + " p99", p99Points));
            p50.add(new Chart.Series(guarantee + " p50", p50Points));
        }
        List<Chart.Series> all = new ArrayList<>(p99);
        all.addAll(p50);
        Chart.write(output.resolve("scaling-latency.png"), 800, 420,
                Chart.lines(String.format(Locale.ROOT, "Filter latency vs commit interval at %,.0f records/s", rate),
                        "commit interval (ms)", "latency (ms)", all, true));
    }

    /**
     * The fusion stage and the baseline on the same posterior updates for each K (sources per
     * quantity), d as --dimension: fused updates/s, the ratio to the baseline of the same run, and
     * the ratio to the first K's fusion throughput.
     */
    private void sources(BenchStack stack, PipelineSettings base) throws InterruptedException, IOException {
        List<double[]> baseline = new ArrayList<>();
        List<double[]> fusion = new ArrayList<>();
        List<double[]> ratio = new ArrayList<>();
        table(String.format(Locale.ROOT, "Sources per quantity (fusion, d = %d, %d quantities)", base.dimension(), base.quantities()),
                "| sources (K) | warm-up records | measured records | baseline-posteriors records/s | fusion updates/s "
                        + "| fusion/baseline | fusion vs first K | fusion p99 ms | fusion state (MB) | dead letters |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double first = 0;
        int firstK = 0;
        for (int k : PipelineOptions.integers(sourceCounts)) {
            PipelineSettings settings = SourcesSweep.settings(base, k);
            BenchReport report = run(stack, "sources", k + " sources", settings);
            StageResult b = report.result(Stage.BASELINE_POSTERIORS);
            StageResult f = report.result(Stage.FUSION);
            if (first == 0) {
                first = f.recordsPerSecond();
                firstK = k;
            }
            baseline.add(new double[] {k, b.recordsPerSecond()});
            fusion.add(new double[] {k, f.recordsPerSecond()});
            ratio.add(new double[] {k, report.fusionVsBaseline()});
            row(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,.0f | %,.0f | %.3f | %.3f | %.0f | %.1f | %d |", k,
                    settings.warmupRecords(), settings.records(), b.recordsPerSecond(), f.recordsPerSecond(),
                    report.fusionVsBaseline(), f.recordsPerSecond() / first, f.latency().p99(), f.stateStoreBytes() / 1e6,
                    b.deadLetters() + f.deadLetters()));
        }
        if (fusion.size() > 1) {
            double[] last = fusion.get(fusion.size() - 1);
            double held = last[1] / first;
            note(String.format(Locale.ROOT, "Fusion at K = %,d over K = %,d: %.3f (target: within 25%%, i.e. at least 0.75: %s)",
                    (int) last[0], firstK, held, held >= 0.75 ? "met" : "not met"));
        }
        Chart.write(output.resolve("scaling-sources.png"), 560, 400,
                Chart.lines(String.format(Locale.ROOT, "Throughput vs sources per quantity (d = %d)", base.dimension()),
                        "sources per quantity (K)", "records/s",
                        List.of(new Chart.Series("baseline-posteriors", baseline), new Chart.Series("fusion", fusion)), true),
                Chart.lines("Fusion / baseline on posteriors", "sources per quantity (K)", "ratio",
                        List.of(new Chart.Series("fusion / baseline-posteriors", ratio)), true));
    }

    /** The tables' and JSON lines' file name (no extension): one per set of sweeps, so that separate runs keep theirs. */
    private String fileBase() {
        return "scaling-" + String.join("-", sweeps);
    }

    private void table(String title, String header, String separator) {
        markdown.append("\n### ").append(title).append("\n\n").append(header).append('\n').append(separator).append('\n');
    }

    private void row(String row) {
        markdown.append(row).append('\n');
        writeMarkdown();
    }

    private void note(String text) {
        markdown.append('\n').append(text).append('\n');
        writeMarkdown();
    }

    private void writeMarkdown() {
        try {
            Files.writeString(output.resolve(fileBase() + ".md"), markdown.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("bayesfuse bench scaling: cannot write " + fileBase() + ".md: " + e.getMessage());
        }
    }
}
