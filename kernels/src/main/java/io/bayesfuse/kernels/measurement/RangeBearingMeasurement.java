package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * A 2-D range-bearing sensor at (ox, oy) observing axes 1 and 2 (FORMAT.md):
 * z = [√(dx²+dy²), atan2(dy, dx)] with dx = p1 − ox, dy = p2 − oy. The bearing is an angle:
 * its residual is wrapped to (−π, π].
 */
public final class RangeBearingMeasurement implements ReversibleMeasurement {

    private final double ox;
    private final double oy;

    public RangeBearingMeasurement(double ox, double oy) {
        if (!Double.isFinite(ox) || !Double.isFinite(oy)) {
            throw new IllegalArgumentException("origin must be finite, got [" + ox + ", " + oy + "]");
        }
        this.ox = ox;
        this.oy = oy;
    }

    @Override
    public int measurementSize() {
        return 2;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        Compatibility.requireKinematicAxes(subject, layout, 2, "a range-bearing measurement");
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public boolean isAngle(int i) {
        return i == 1;
    }

    @Override
    public void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z) {
        double dx = x.data[layout.positionIndex(0)] - ox;
        double dy = x.data[layout.positionIndex(1)] - oy;
        z.reshape(2, 1);
        z.data[0] = Math.sqrt(dx * dx + dy * dy);
        z.data[1] = Math.atan2(dy, dx);
    }

    /** ∂r/∂p = [dx, dy]/r; ∂θ/∂p = [−dy, dx]/r². */
    @Override
    public void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H) {
        int i1 = layout.positionIndex(0);
        int i2 = layout.positionIndex(1);
        double dx = x.data[i1] - ox;
        double dy = x.data[i2] - oy;
        double r2 = dx * dx + dy * dy;
        double r = Math.sqrt(r2);
        H.reshape(2, layout.size());
        H.zero();
        H.unsafe_set(0, i1, dx / r);
        H.unsafe_set(0, i2, dy / r);
        H.unsafe_set(1, i1, -dy / r2);
        H.unsafe_set(1, i2, dx / r2);
    }

    /** p1 = ox + r·cos θ, p2 = oy + r·sin θ. */
    @Override
    public void invert(StateLayout layout, double[] z, double[] x) {
        x[layout.positionIndex(0)] = ox + z[0] * Math.cos(z[1]);
        x[layout.positionIndex(1)] = oy + z[0] * Math.sin(z[1]);
    }

    @Override
    public String toString() {
        return "range-bearing from [" + ox + ", " + oy + "]";
    }
}
