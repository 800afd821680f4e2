package io.bayesfuse.kernels.motion;

import org.ejml.data.DMatrixRMaj;

/**
 * A motion model x_k = f(x_{k-1}, dt) + w, w ~ N(0, Q(dt)), whose transition depends on the state
 * (a coordinated turn, or a user's model). The extended Kalman filter predicts the mean with f and
 * the covariance with the Jacobian F = ∂f/∂x at the prior mean; the unscented filter propagates its
 * sigma points through f. A model without an analytic Jacobian may leave {@link #jacobian} to the
 * central-difference default.
 *
 * <p>There is no state-independent transition matrix: {@link #transition} throws, so a filter that
 * needs one (the information and particle filters, the smoother, time alignment in fusion) cannot
 * be configured with such a model; the configuration says so at start-up.
 */
public interface NonlinearMotionModel extends MotionModel {

    /** Fills {@code out} (n×1) with f(x, dt); dt = 0 must return x. {@code out} is never {@code x}. */
    void propagate(double dt, DMatrixRMaj x, DMatrixRMaj out);

    /**
     * Fills {@code F} (reshaped to n×n) with ∂f/∂x at x for a step of dt seconds. The default
     * differentiates {@link #propagate} numerically (central differences, step 1e-6·max(1, |xᵢ|));
     * it allocates, so a model on a hot path should override it.
     */
    default void jacobian(double dt, DMatrixRMaj x, DMatrixRMaj F) {
        int n = stateSize();
        F.reshape(n, n);
        DMatrixRMaj shifted = x.copy();
        DMatrixRMaj plus = new DMatrixRMaj(n, 1);
        DMatrixRMaj minus = new DMatrixRMaj(n, 1);
        for (int j = 0; j < n; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(x.data[j]));
            shifted.data[j] = x.data[j] + h;
            propagate(dt, shifted, plus);
            shifted.data[j] = x.data[j] - h;
            propagate(dt, shifted, minus);
            shifted.data[j] = x.data[j];
            for (int i = 0; i < n; i++) {
                F.unsafe_set(i, j, (plus.data[i] - minus.data[i]) / (2 * h));
            }
        }
    }

    /** A nonlinear model has no transition matrix independent of the state. */
    @Override
    default void transition(double dt, DMatrixRMaj F) {
        throw new UnsupportedOperationException(this + " is nonlinear: it has no state-independent transition matrix"
                + " (use an ekf or ukf filter)");
    }

    @Override
    default boolean isLinear() {
        return false;
    }
}
