package io.bayesfuse.app.bench;

import java.util.concurrent.locks.LockSupport;

/** Holds a loop to a rate: {@link #await(long)} returns when item n is due (at once when the rate is 0: no pacing). */
public final class Pacer {

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
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
