package io.bayesfuse.kernels.extension.example;

import io.bayesfuse.kernels.extension.UserMotionModel;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.StateLayout;

/**
 * An example user motion model: a target in the plane slowed by quadratic drag, dv/dt = −k·|v|·v,
 * state [p1, v1, p2, v2]. Over a step T the speed s becomes s/(1 + k·s·T) in the same direction,
 * and the target travels ln(1 + k·s·T)/k. Process noise: white acceleration of spectral density q
 * on each axis. No analytic Jacobian: the EKF differentiates f numerically.
 */
public final class DragModel extends UserMotionModel {

    private final double k;
    private final double[] block = new double[4];
    private final ContinuousWhiteNoise noise;

    public DragModel(double dragCoefficient, double spectralDensity) {
        super(StateLayout.kinematic(2, 1));
        if (!(dragCoefficient >= 0)) {
            throw new IllegalArgumentException("drag coefficient must be >= 0, got " + dragCoefficient);
        }
        this.k = dragCoefficient;
        this.noise = new ContinuousWhiteNoise(spectralDensity);
    }

    @Override
    public void f(double[] x, double dt, double[] next) {
        double v1 = x[1];
        double v2 = x[3];
        double s = Math.hypot(v1, v2);
        double slowing = 1 + k * s * dt;
        double travelled = k * s == 0 ? dt : Math.log(slowing) / (k * s);   // distance per unit speed
        next[0] = x[0] + v1 * travelled;
        next[1] = v1 / slowing;
        next[2] = x[2] + v2 * travelled;
        next[3] = v2 / slowing;
    }

    @Override
    protected void Q(double dt, double[] Q) {
        noise.block(1, dt, block);
        for (int axis = 0; axis < 2; axis++) {
            int o = 2 * axis;
            Q[o * 4 + o] = block[0];
            Q[o * 4 + o + 1] = block[1];
            Q[(o + 1) * 4 + o] = block[2];
            Q[(o + 1) * 4 + o + 1] = block[3];
        }
    }

    @Override
    public String toString() {
        return "drag model (k=" + k + ")";
    }
}
