package io.bayesfuse.kernels.extension;

import io.bayesfuse.kernels.motion.NonlinearMotionModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * The easy way to write a motion model: x_k = f(x_{k-1}, dt) + w, w ~ N(0, Q(dt)) on plain arrays.
 * Implement {@link #f} and {@link #Q}; override {@link #jacobian(double[], double, double[])} with
 * the analytic ∂f/∂x when you have it (otherwise the EKF differentiates f numerically; the UKF
 * never needs it). By FORMAT.md, dt = 0 must give f(x, 0) = x and Q(0) = 0. Not thread-safe: each
 * filter gets its own instance from the provider.
 */
public abstract class UserMotionModel implements NonlinearMotionModel {

    private final StateLayout layout;
    private final double[] in;
    private final double[] out;

    /**
     * @param layout where the positions (and velocities...) are in the state, e.g.
     *               {@code StateLayout.kinematic(2, 1)} for [p1, v1, p2, v2]: measurement models find
     *               positions through it, and tracks are scored by them
     */
    protected UserMotionModel(StateLayout layout) {
        this.layout = layout;
        this.in = new double[layout.size()];
        this.out = new double[layout.size() * layout.size()];
    }

    /** Writes f(x, dt) into {@code next} (both of the state's size). */
    protected abstract void f(double[] x, double dt, double[] next);

    /** Writes Q(dt), n×n row-major, into {@code Q} (zeros on entry). */
    protected abstract void Q(double dt, double[] Q);

    /**
     * Writes ∂f/∂x at x, n×n row-major, into {@code F} and returns true; or returns false (the
     * default) to have it computed by central differences of {@link #f}.
     */
    protected boolean jacobian(double[] x, double dt, double[] F) {
        return false;
    }

    @Override
    public final StateLayout layout() {
        return layout;
    }

    @Override
    public final void propagate(double dt, DMatrixRMaj x, DMatrixRMaj next) {
        int n = layout.size();
        next.reshape(n, 1);
        System.arraycopy(x.data, 0, in, 0, n);
        f(in, dt, next.data);
    }

    @Override
    public final void jacobian(double dt, DMatrixRMaj x, DMatrixRMaj F) {
        int n = layout.size();
        F.reshape(n, n);
        System.arraycopy(x.data, 0, in, 0, n);
        if (!jacobian(in, dt, F.data)) {
            NonlinearMotionModel.super.jacobian(dt, x, F);
        }
    }

    @Override
    public final void processNoise(double dt, DMatrixRMaj Q) {
        int n = layout.size();
        Q.reshape(n, n);
        Q.zero();
        if (dt == 0) {
            return;
        }
        java.util.Arrays.fill(out, 0);
        Q(dt, out);
        System.arraycopy(out, 0, Q.data, 0, n * n);
    }
}
