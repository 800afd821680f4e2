package io.bayesfuse.kernels.motion;

import org.ejml.data.DMatrixRMaj;

/**
 * A linear-Gaussian motion model x_k = F(dt)·x_{k-1} + w, w ~ N(0, Q(dt)), with dt in seconds.
 * Implementations fill caller-owned matrices so a filter's per-record path allocates nothing.
 * By FORMAT.md, dt = 0 means no prediction: F = I and Q = 0.
 */
public interface MotionModel {

    /** Where positions, velocities, ... sit in the state. */
    StateLayout layout();

    default int stateSize() {
        return layout().size();
    }

    /** Fills {@code F} (reshaped to n×n) with the transition matrix for a step of {@code dt} seconds. */
    void transition(double dt, DMatrixRMaj F);

    /** Fills {@code Q} (reshaped to n×n) with the process noise covariance for a step of {@code dt} seconds. */
    void processNoise(double dt, DMatrixRMaj Q);

    /** True when x_k = F(dt)·x_{k-1}; false for a {@link NonlinearMotionModel}. */
    default boolean isLinear() {
        return true;
    }
}
