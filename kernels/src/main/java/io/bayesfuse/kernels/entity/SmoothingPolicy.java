package io.bayesfuse.kernels.entity;

/**
 * Whether the tracker publishes fixed-lag smoothed estimates ({@link
 * io.bayesfuse.kernels.smoothing.FixedLagSmoother}): with lag L ≥ 1, every measurement k also yields
 * the estimate of step k − L given measurements up to k (once the entity has had L + 1). Each
 * entity's state then keeps its last L + 1 filtered estimates, and each measurement costs L RTS steps
 * more.
 *
 * @param lag L, the number of measurements the smoothed estimate lags behind; 0 for no smoothing
 */
public record SmoothingPolicy(int lag) {

    /** No smoothing. */
    public static final SmoothingPolicy NONE = new SmoothingPolicy(0);

    public SmoothingPolicy {
        if (lag < 0) {
            throw new IllegalArgumentException("smoothing lag must be 0 (off) or a positive number of measurements, got " + lag);
        }
    }

    public static SmoothingPolicy lag(int lag) {
        return new SmoothingPolicy(lag);
    }

    public boolean enabled() {
        return lag > 0;
    }
}
