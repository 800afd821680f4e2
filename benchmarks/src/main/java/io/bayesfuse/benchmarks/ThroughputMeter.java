package io.bayesfuse.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput from the first input sent to the last committed output seen: the producer calls
 * {@link #inputSent()} (only the first call counts), the output consumer {@link #outputSeen()}.
 */
public final class ThroughputMeter {

    private final AtomicLong firstInputNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastOutputNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong outputs = new AtomicLong();

    public void inputSent() {
        firstInputNanos.compareAndSet(Long.MIN_VALUE, System.nanoTime());
    }

    public void outputSeen() {
        outputsSeen(1);
    }

    /** An output that stands for {@code inputs} inputs (a learner's posterior after a mini-batch). */
    public void outputsSeen(long inputs) {
        outputs.addAndGet(inputs);
        lastOutputNanos.set(System.nanoTime());
    }

    public long outputs() {
        return outputs.get();
    }

    /** Seconds from the first input to the last output (0 before both happened). */
    public double seconds() {
        long first = firstInputNanos.get();
        long last = lastOutputNanos.get();
        return first == Long.MIN_VALUE || last == Long.MIN_VALUE ? 0 : Math.max(0, last - first) / 1e9;
    }

    public double recordsPerSecond() {
        return recordsPerSecond(outputs(), seconds());
    }

    /** {@code records / seconds}, or 0 when no time has passed. */
    public static double recordsPerSecond(long records, double seconds) {
        return seconds <= 0 ? 0 : records / seconds;
    }
}
