package io.bayesfuse.benchmarks;

import org.apache.kafka.streams.StreamsConfig;
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

    /** Kafka Streams' commit interval: {@code commitIntervalMs} when set, else its default for the guarantee (100 ms exactly once, 30 s at least once). */
    static int effectiveCommitIntervalMs(String guarantee, Integer commitIntervalMs) {
        if (commitIntervalMs != null) {
            return commitIntervalMs;
        }
        return StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) ? 100 : 30_000;
    }

    /** Fails naming {@code --guarantee} or {@code --commit-interval-ms} when either is not a value a benchmark can run with. */
    static void check(String guarantee, Integer commitIntervalMs) {
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee)) {
            throw new IllegalArgumentException("--guarantee is '" + guarantee + "', must be exactly_once_v2 or at_least_once");
        }
        if (commitIntervalMs != null && commitIntervalMs < 0) {
            throw new IllegalArgumentException("--commit-interval-ms is " + commitIntervalMs + ", must not be negative");
        }
    }
}
