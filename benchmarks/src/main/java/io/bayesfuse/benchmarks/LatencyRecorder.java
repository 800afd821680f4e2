package io.bayesfuse.benchmarks;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in milliseconds, recorded from any thread, read as percentiles over the whole run
 * and over intervals (HdrHistogram, three significant digits). A negative latency (clocks a
 * millisecond apart) counts as zero.
 */
public final class LatencyRecorder {

    /** Latencies above this (one hour) are recorded as this. */
    static final long HIGHEST_MILLIS = 3_600_000;

    private final Recorder recorder = new Recorder(HIGHEST_MILLIS, 3);
    private final Histogram total = new Histogram(HIGHEST_MILLIS, 3);

    public void record(long latencyMillis) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_MILLIS, latencyMillis)));
    }

    /** The latencies recorded since the previous call (or the start); they also count towards {@link #total()}. */
    public synchronized LatencySummary interval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return summary(interval);
    }

    /** Every latency recorded so far. */
    public synchronized LatencySummary total() {
        total.add(recorder.getIntervalHistogram());
        return summary(total);
    }

    static LatencySummary summary(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
