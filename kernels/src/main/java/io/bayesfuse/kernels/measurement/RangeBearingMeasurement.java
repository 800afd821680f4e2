package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * A 2-D range-bearing sensor at (ox, oy) observing axes 1 and 2 (FORMAT.md):
 * z = [√(dx²+dy²), atan2(dy, dx)] with dx = p1 − ox, dy = p2 − oy. The bearing is an angle:
 * its residual is wrapped to (−π, π].
 */
public final class RangeBearingMeasurement extends RangeAndAnglesMeasurement {

    public RangeBearingMeasurement(double ox, double oy) {
        super("range-bearing", ox, oy);
    }

    @Override
    public void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z) {
        double dx = offset(layout, x, 0);
        double dy = offset(layout, x, 1);
        z.reshape(2, 1);
        z.data[0] = Math.sqrt(dx * dx + dy * dy);
        z.data[1] = Math.atan2(dy, dx);
    }

    /** ∂r/∂p = [dx, dy]/r; ∂θ/∂p = [−dy, dx]/r². */
    @Override
    public void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H) {
        int i1 = layout.positionIndex(0);
        int i2 = layout.positionIndex(1);
        double dx = offset(layout, x, 0);
        double dy = offset(layout, x, 1);
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
        x[layout.positionIndex(0)] = origin(0) + z[0] * Math.cos(z[1]);
        x[layout.positionIndex(1)] = origin(1) + z[0] * Math.sin(z[1]);
    }
}
