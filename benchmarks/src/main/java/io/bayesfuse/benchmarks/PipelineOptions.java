package io.bayesfuse.benchmarks;

import io.bayesfuse.app.simulate.DurationConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The options shared by {@code bench pipeline} and {@code bench scaling}. */
public final class PipelineOptions {

    @Option(names = "--records", defaultValue = "20000", description = "Measured input records per stage (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--warmup", defaultValue = "2000", description = "Records sent and awaited per stage before measuring (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--jvm-warmup", defaultValue = "20000", description = "Before measuring, run every stage once, unmeasured, "
            + "with this many records, so that the first stage measured does not pay for compiling the stages, the clients and "
            + "the embedded broker; 0 skips it (default: ${DEFAULT-VALUE}).")
    long jvmWarmup;

    @Mixin
    WorkloadOptions workload;

    @Mixin
    StreamsOptions streams;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--instances", defaultValue = "1", description = "Kafka Streams instances with the same application id, in this process (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--rate", defaultValue = "0", description = "Input records per second, for latency at a fixed load; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--stages", defaultValue = "baseline,filter,baseline-posteriors,fusion", split = ",",
            description = "The stages to run, in order (default: ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = "--stall-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Fail when no output arrives for this long (default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    PipelineSettings settings() {
        return new PipelineSettings(records, warmup, workload.entities, workload.quantities, workload.sources, workload.dimension,
                streams.partitions, streams.threads, instances, streams.guarantee, streams.commitIntervalMs, rate, stages.stream().map(Stage::ofLabel).toList(), stallTimeout);
    }

    /**
     * These options as command-line arguments for a run of {@code stage} alone: every option
     * written out (defaults too), the cluster ones left to the caller.
     */
    List<String> arguments(Stage stage) {
        List<String> arguments = new ArrayList<>(List.of("--records", Long.toString(records), "--warmup", Long.toString(warmup),
                "--jvm-warmup", Long.toString(jvmWarmup), "--entities", Integer.toString(workload.entities),
                "--quantities", Integer.toString(workload.quantities), "--sources", Integer.toString(workload.sources),
                "--dimension", Integer.toString(workload.dimension), "--partitions", Integer.toString(streams.partitions),
                "--threads", Integer.toString(streams.threads), "--guarantee", streams.guarantee,
                "--instances", Integer.toString(instances), "--rate", Double.toString(rate), "--stages", stage.label(),
                "--stall-timeout", stallTimeout.toMillis() + "ms"));
        if (streams.commitIntervalMs != null) {
            arguments.addAll(List.of("--commit-interval-ms", Integer.toString(streams.commitIntervalMs)));
        }
        return arguments;
    }

    static List<Integer> integers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
