package io.bayesfuse.benchmarks;

/**
 * End-to-end latency percentiles in milliseconds (produce time to visibility for a
 * {@code read_committed} consumer).
 */
public record LatencySummary(long count, double p50, double p95, double p99, double max) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);
}
