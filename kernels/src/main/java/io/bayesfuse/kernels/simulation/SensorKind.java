package io.bayesfuse.kernels.simulation;

/** What a simulated sensor measures (each matches a measurement model type of the configuration). */
public enum SensorKind {
    /** z = [x, y] + noise: the configuration's {@code position} measurement. */
    POSITION,
    /** z = [range, bearing] from the sensor's origin + noise: {@code range-bearing}. */
    RANGE_BEARING,
    /**
     * A learned model's Gaussian output over the velocity, N(f, Q), that already contains the
     * stationary prior of the velocity: {@code state-evidence} on components [1, 3].
     */
    STATE_EVIDENCE
}
