package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * A 3-D range-bearing-elevation sensor at (ox, oy, oz) observing axes 1, 2 and 3:
 * z = [r, atan2(dy, dx), atan2(dz, ρ)] with r = √(dx²+dy²+dz²), ρ = √(dx²+dy²). The bearing
 * (azimuth) is wrapped to (−π, π]; the elevation lies in [−π/2, π/2] and never wraps.
 */
public final class RangeBearingElevationMeasurement implements ReversibleMeasurement {

    private final double ox;
    private final double oy;
    private final double oz;

    public RangeBearingElevationMeasurement(double ox, double oy, double oz) {
        if (!Double.isFinite(ox) || !Double.isFinite(oy) || !Double.isFinite(oz)) {
            throw new IllegalArgumentException("origin must be finite, got [" + ox + ", " + oy + ", " + oz + "]");
        }
        this.ox = ox;
        this.oy = oy;
        this.oz = oz;
    }

    @Override
    public int measurementSize() {
        return 3;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        Compatibility.requireKinematicAxes(subject, layout, 3, "a range-bearing-elevation measurement");
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
        double dz = x.data[layout.positionIndex(2)] - oz;
        double rho = Math.sqrt(dx * dx + dy * dy);
        z.reshape(3, 1);
        z.data[0] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        z.data[1] = Math.atan2(dy, dx);
        z.data[2] = Math.atan2(dz, rho);
    }

    /**
     * ∂r/∂p = [dx, dy, dz]/r; ∂θ/∂p = [−dy, dx, 0]/ρ²;
     * ∂φ/∂p = [−dx·dz/(r²ρ), −dy·dz/(r²ρ), ρ/r²].
     */
    @Override
    public void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H) {
        int i1 = layout.positionIndex(0);
        int i2 = layout.positionIndex(1);
        int i3 = layout.positionIndex(2);
        double dx = x.data[i1] - ox;
        double dy = x.data[i2] - oy;
        double dz = x.data[i3] - oz;
        double rho2 = dx * dx + dy * dy;
        double rho = Math.sqrt(rho2);
        double r2 = rho2 + dz * dz;
        double r = Math.sqrt(r2);
        H.reshape(3, layout.size());
        H.zero();
        H.unsafe_set(0, i1, dx / r);
        H.unsafe_set(0, i2, dy / r);
        H.unsafe_set(0, i3, dz / r);
        H.unsafe_set(1, i1, -dy / rho2);
        H.unsafe_set(1, i2, dx / rho2);
        H.unsafe_set(2, i1, -dx * dz / (r2 * rho));
        H.unsafe_set(2, i2, -dy * dz / (r2 * rho));
        H.unsafe_set(2, i3, rho / r2);
    }

    /** p1 = ox + r·cos ε·cos θ, p2 = oy + r·cos ε·sin θ, p3 = oz + r·sin ε. */
    @Override
    public void invert(StateLayout layout, double[] z, double[] x) {
        double rho = z[0] * Math.cos(z[2]);
        x[layout.positionIndex(0)] = ox + rho * Math.cos(z[1]);
        x[layout.positionIndex(1)] = oy + rho * Math.sin(z[1]);
        x[layout.positionIndex(2)] = oz + z[0] * Math.sin(z[2]);
    }

    @Override
    public String toString() {
        return "range-bearing-elevation from [" + ox + ", " + oy + ", " + oz + "]";
    }
}
