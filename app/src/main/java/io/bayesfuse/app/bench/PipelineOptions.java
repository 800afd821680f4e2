package io.bayesfuse.app.bench;

import io.bayesfuse.app.simulate.DurationConverter;
import picocli.CommandLine.Option;

import java.time.Duration;
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

    @Option(names = "--entities", defaultValue = "1000", description = "Entities the measurements spread over (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--quantities", defaultValue = "10", description = "Quantities the posterior updates spread over (default: ${DEFAULT-VALUE}).")
    int quantities;

    @Option(names = "--sources", defaultValue = "100", description = "Sources per quantity, K (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--dimension", defaultValue = "16", description = "Dimension of the fused posteriors, d (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads per instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--instances", defaultValue = "1", description = "Kafka Streams instances with the same application id, in this process (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--commit-interval-ms", description = "Kafka Streams' commit interval (default: its own, 100 ms exactly once, 30 s at least once).")
    Integer commitIntervalMs;

    @Option(names = "--rate", defaultValue = "0", description = "Input records per second, for latency at a fixed load; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--stages", defaultValue = "baseline,filter,baseline-posteriors,fusion", split = ",",
            description = "The stages to run, in order (default: ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = "--stall-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Fail when no output arrives for this long (default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    @Option(names = "--bootstrap", description = "A Kafka cluster's bootstrap servers (default: an embedded broker in this process).")
    String bootstrap;

    @Option(names = "--registry", description = "The schema registry URL of that cluster (required with --bootstrap).")
    String registry;

    PipelineSettings settings() {
        return new PipelineSettings(records, warmup, entities, quantities, sources, dimension, partitions, threads, instances,
                guarantee, commitIntervalMs, rate, stages.stream().map(Stage::ofLabel).toList(), stallTimeout);
    }

    static List<Integer> integers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
