package io.bayesfuse.kernels.extension;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.measurement.Angles;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * The easy way to write a measurement model: z = h(x) + v, v ~ N(0, R), on plain arrays. Implement
 * {@link #h}; override {@link #jacobian(StateLayout, double[], double[])} with the analytic ∂h/∂x
 * when you have it (otherwise the EKF differentiates h numerically), and {@link #isAngle} for
 * components that are angles (their residuals are wrapped to (−π, π]). Positions are found in the
 * state through its layout ({@code layout.positionIndex(axis)}). To feed a tracker, also implement
 * {@link io.bayesfuse.kernels.measurement.ReversibleMeasurement}. Not thread-safe.
 */
public abstract class UserMeasurementModel implements MeasurementModel {

    private final int m;
    private final int axes;
    private double[] in = new double[0];

    /**
     * @param m    the number of measured components
     * @param axes the spatial axes the model reads positions of (the state must have at least these)
     */
    protected UserMeasurementModel(int m, int axes) {
        if (m < 1) {
            throw new IllegalArgumentException("a measurement needs at least one component, got " + m);
        }
        this.m = m;
        this.axes = axes;
    }

    /** Writes h(x) into {@code z} (m components). */
    protected abstract void h(StateLayout layout, double[] x, double[] z);

    /**
     * Writes ∂h/∂x at x, m×n row-major, into {@code H} and returns true; or returns false (the
     * default) to have it computed by central differences of {@link #h}.
     */
    protected boolean jacobian(StateLayout layout, double[] x, double[] H) {
        return false;
    }

    @Override
    public final int measurementSize() {
        return m;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        if (!layout.isKinematic() || layout.axes() < axes) {
            throw new InvalidInputException(Problem.INCONSISTENT, subject, "measurement",
                    this + " reads the positions of " + axes + " axes but the motion model has " + layout);
        }
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public final void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z) {
        z.reshape(m, 1);
        h(layout, copy(x), z.data);
    }

    @Override
    public final void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H) {
        int n = layout.size();
        H.reshape(m, n);
        double[] at = copy(x);
        if (jacobian(layout, at, H.data)) {
            return;
        }
        double[] plus = new double[m];
        double[] minus = new double[m];
        for (int j = 0; j < n; j++) {
            double step = 1e-6 * Math.max(1, Math.abs(at[j]));
            double keep = at[j];
            at[j] = keep + step;
            h(layout, at, plus);
            at[j] = keep - step;
            h(layout, at, minus);
            at[j] = keep;
            for (int i = 0; i < m; i++) {
                double d = plus[i] - minus[i];
                H.unsafe_set(i, j, (isAngle(i) ? Angles.wrap(d) : d) / (2 * step));
            }
        }
    }

    private double[] copy(DMatrixRMaj x) {
        int n = x.getNumElements();
        if (in.length != n) {
            in = new double[n];
        }
        System.arraycopy(x.data, 0, in, 0, n);
        return in;
    }
}
