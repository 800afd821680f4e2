package io.bayesfuse.kernels.extension.example;

import io.bayesfuse.kernels.extension.UserMeasurementModel;
import io.bayesfuse.kernels.measurement.ReversibleMeasurement;
import io.bayesfuse.kernels.motion.StateLayout;

/**
 * An example user measurement model: a radar at (ox, oy) measuring range, bearing and range rate,
 * z = [r, atan2(dy, dx), (dx·v1 + dy·v2)/r]. The bearing is an angle. It is reversible (a detection's
 * range and bearing give its position), so trackers can start tracks from it. The Jacobian is left
 * to central differences.
 */
public final class DopplerRadar extends UserMeasurementModel implements ReversibleMeasurement {

    private final double ox;
    private final double oy;

    public DopplerRadar(double ox, double oy) {
        super(3, 2);
        this.ox = ox;
        this.oy = oy;
    }

    @Override
    protected void h(StateLayout layout, double[] x, double[] z) {
        double dx = x[layout.positionIndex(0)] - ox;
        double dy = x[layout.positionIndex(1)] - oy;
        double r = Math.hypot(dx, dy);
        z[0] = r;
        z[1] = Math.atan2(dy, dx);
        z[2] = (dx * x[layout.index(0, 1)] + dy * x[layout.index(1, 1)]) / r;
    }

    @Override
    public boolean isAngle(int i) {
        return i == 1;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        super.requireCompatible(subject, layout);
        if (layout.order() < 1) {
            throw new IllegalArgumentException(subject + ": a Doppler radar needs velocities in the state");
        }
    }

    @Override
    public void invert(StateLayout layout, double[] z, double[] x) {
        x[layout.positionIndex(0)] = ox + z[0] * Math.cos(z[1]);
        x[layout.positionIndex(1)] = oy + z[0] * Math.sin(z[1]);
    }

    @Override
    public String toString() {
        return "Doppler radar at [" + ox + ", " + oy + "]";
    }
}
