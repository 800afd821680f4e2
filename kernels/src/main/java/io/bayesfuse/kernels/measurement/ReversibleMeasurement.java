package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;

/**
 * A measurement model whose measurement determines the observed part of the state: the position
 * a detection is at. A tracker starts a new track there (the rest of the state from its birth
 * prior).
 */
public interface ReversibleMeasurement extends MeasurementModel {

    /**
     * Writes into {@code x} (of {@code layout}) the state components that {@code z} determines
     * (the positions of the observed axes), leaving the others as they are.
     */
    void invert(StateLayout layout, double[] z, double[] x);
}
