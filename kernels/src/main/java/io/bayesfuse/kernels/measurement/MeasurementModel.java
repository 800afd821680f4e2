package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * A measurement model z = h(x) + v, v ~ N(0, R), over a state of a given {@link StateLayout}.
 * The layout is passed on every call because the IMM runs one sensor against models of different
 * state sizes. Every method fills caller-owned matrices: the per-record path allocates nothing.
 */
public interface MeasurementModel {

    /** m, the number of measurement components. */
    int measurementSize();

    /**
     * Checks once, before use, that this model can observe a state of {@code layout}.
     *
     * @param subject names the owner in the error, e.g. {@code sensor 'radar'}
     * @throws io.bayesfuse.kernels.InvalidInputException naming what does not fit
     */
    void requireCompatible(String subject, StateLayout layout);

    /** True when h(x) = H·x with a constant H (the plain Kalman filter can use it). */
    boolean isLinear();

    /** z = h(x), reshaped to m×1. */
    void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z);

    /** H = ∂h/∂x evaluated at x, reshaped to m×n. */
    void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H);

    /** True when component {@code i} is an angle: residuals are wrapped and means are circular. */
    default boolean isAngle(int i) {
        return false;
    }

    /** y = z − ẑ, with angle components wrapped to (−π, π] (FORMAT.md). */
    default void residual(DMatrixRMaj z, DMatrixRMaj zPredicted, DMatrixRMaj y) {
        int m = measurementSize();
        y.reshape(m, 1);
        for (int i = 0; i < m; i++) {
            double d = z.data[i] - zPredicted.data[i];
            y.data[i] = isAngle(i) ? Angles.wrap(d) : d;
        }
    }
}
