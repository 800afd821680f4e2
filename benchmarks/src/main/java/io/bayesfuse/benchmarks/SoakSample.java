package io.bayesfuse.benchmarks;

import java.util.Locale;

/**
 * One sample of a soak test.
 *
 * @param seconds         since the start of the input
 * @param inputPerSecond  records produced per second over the last interval
 * @param outputPerSecond output records (estimates and fused posteriors) committed per second over the last interval
 * @param lag             input records not yet committed as consumed by the application (all partitions)
 * @param rssBytes        this process's resident set size (with an embedded broker, the broker's too)
 * @param stateBytes      the application's state directory on disk
 * @param p50Ms           end-to-end latency median over the last interval
 * @param p99Ms           end-to-end latency 99th percentile over the last interval
 */
public record SoakSample(double seconds, double inputPerSecond, double outputPerSecond, long lag, long rssBytes, long stateBytes,
                         double p50Ms, double p99Ms) {

    public static final String CSV_HEADER = "seconds,input_per_s,output_per_s,lag,rss_bytes,state_bytes,p50_ms,p99_ms";

    public String csv() {
        return String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%d,%d,%d,%.0f,%.0f", seconds, inputPerSecond, outputPerSecond, lag,
                rssBytes, stateBytes, p50Ms, p99Ms);
    }

    /** A progress line for people. */
    public String progress(double totalSeconds) {
        return String.format(Locale.ROOT, "soak %5.0f/%.0f s  in %,8.0f/s  out %,8.0f/s  lag %,8d  rss %,6.0f MB  state %,7.1f MB  "
                        + "p50 %,5.0f ms  p99 %,6.0f ms", seconds, totalSeconds, inputPerSecond, outputPerSecond, lag,
                rssBytes / 1048576.0, stateBytes / 1048576.0, p50Ms, p99Ms);
    }
}
