package io.bayesfuse.benchmarks;

import picocli.CommandLine.Option;

/** How a benchmark's Kafka Streams application runs: topic partitions, stream threads, guarantee and commit interval. */
public final class StreamsOptions {

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads per instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--commit-interval-ms", description = "Kafka Streams' commit interval (default: its own, 100 ms exactly once, 30 s at least once).")
    Integer commitIntervalMs;
}
