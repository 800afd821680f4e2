package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * A recursive Bayesian filter: predict to a time, update with a measurement. Instances are
 * mutable and preallocated; one instance serves many entities in turn by {@link #restore}ing each
 * entity's {@link FilterState} and {@link #save}ing it afterwards. Not thread-safe.
 */
public interface RecursiveFilter {

    /** The layout of the output estimate ({@link #mean()}, {@link #covariance()}). */
    StateLayout layout();

    /**
     * Starts from the prior N(x0, P0).
     *
     * @param seed seeds any randomness (the particle filter); ignored by Gaussian filters
     */
    void initialise(DMatrixRMaj x0, DMatrixRMaj P0, long seed);

    /** Predicts dt ≥ 0 seconds ahead; dt = 0 is no prediction (FORMAT.md). */
    void predict(double dt);

    /**
     * Updates with measurement z (m×1) of noise R (m×m) under model h, unless {@code gate}
     * refuses it (then the state stays the prediction).
     *
     * @return this filter's reused result object
     */
    UpdateResult update(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R, Gate gate);

    /** The current estimate's mean (a view: valid until the next call, do not modify). */
    DMatrixRMaj mean();

    /** The current estimate's covariance (a view: valid until the next call, do not modify). */
    DMatrixRMaj covariance();

    /** False when the state is not finite or its covariance not positive definite. */
    boolean isHealthy();

    /** The complete state as a new value. */
    FilterState save();

    /** Continues from a state {@link #save}d by a filter of the same configuration. */
    void restore(FilterState state);
}
