package io.bayesfuse.kernels.entity;

/**
 * How a measurement's noise covariance R is chosen as it enters an entity's filter: the one way R
 * comes in. {@link EntityTracker#process(String, EntityState, Measurement, NoisePolicy)} asks the
 * policy once per measurement, before any state changes; what the policy answers is the measurement
 * the filter takes <em>and</em> the one the out-of-order history keeps, so re-filtering a late arrival
 * later sees the very R the measurement was first filtered with, whatever the policy says by then.
 *
 * <p>Without a policy of its own ({@link #AS_CONFIGURED}) a measurement is filtered with its own R
 * when it carries one, else with its sensor's: the configured R, or the learned one where the sensor
 * adapts its noise ({@link Sensor#adaptation()}). {@link NoiseInflation} widens the sensor's R for a
 * while after a detected change.
 */
@FunctionalInterface
public interface NoisePolicy {

    /** Every measurement as it comes: its own R, else its sensor's. */
    NoisePolicy AS_CONFIGURED = (sensor, m) -> m;

    /**
     * The measurement as the filter takes it and its history keeps it: {@code m} itself, or {@code m}
     * with an R of its own.
     *
     * @param sensor the configured sensor that made {@code m}
     */
    Measurement admit(Sensor sensor, Measurement m);
}
