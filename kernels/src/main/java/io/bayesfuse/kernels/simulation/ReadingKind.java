package io.bayesfuse.kernels.simulation;

/** What a simulated reading really is (the filter is not told; tests and the dashboard may be). */
public enum ReadingKind {
    /** A measurement of the target with the sensor's noise. */
    TRUE,
    /** An outlier: a false detection far from the target, for the gate to reject. */
    CLUTTER,
    /** A measurement of the target taken while its sensor is degraded: noise plus a bias. */
    DEGRADED,
    /** A broken reading whose vector holds NaN. */
    NON_FINITE,
    /** A reading from a sensor nobody configured. */
    UNKNOWN_SENSOR
}
