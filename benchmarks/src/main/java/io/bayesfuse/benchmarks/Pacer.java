package io.bayesfuse.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a loop to a rate: {@link #await(long)} returns when item n is due (at once when the rate
 * is 0: no pacing). It sleeps only when the item is more than {@link #SLACK_NANOS} ahead, so items
 * go out in small bursts about a millisecond apart rather than one wake-up per item: at 10,000
 * items per second, one wake-up per item costs a context switch every 100 µs, CPU the stage under
 * test (on 2 cores) would miss. An item goes out at most a millisecond early.
 */
public final class Pacer {

    static final long SLACK_NANOS = 1_000_000;

    private final double ratePerSecond;
    private final long startNanos;

    public Pacer(double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
        this.startNanos = System.nanoTime();
    }

    /** The nanoseconds after the start at which item {@code n} (from 0) is due. */
    static long dueNanos(long n, double ratePerSecond) {
        return ratePerSecond <= 0 ? 0 : (long) (n * 1e9 / ratePerSecond);
    }

    public void await(long n) throws InterruptedException {
        long due = startNanos + dueNanos(n, ratePerSecond);
        long wait = due - System.nanoTime();
        if (wait > SLACK_NANOS) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
