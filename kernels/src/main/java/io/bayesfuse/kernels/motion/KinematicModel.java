package io.bayesfuse.kernels.motion;

import org.ejml.data.DMatrixRMaj;

/**
 * The nearly-constant-derivative family over N independent axes: random walk (order 0),
 * constant velocity (order 1) and constant acceleration (order 2). Per axis the transition is
 * the Taylor block F_ij = dt^(j−i)/(j−i)! for j ≥ i (CV [[1, dt], [0, 1]], CA
 * [[1, dt, dt²/2], [0, 1, dt], [0, 0, 1]]); F and Q are block-diagonal over the axes (FORMAT.md).
 */
public final class KinematicModel implements MotionModel {

    private final StateLayout layout;
    private final ProcessNoise noise;
    private final double[] block;

    private KinematicModel(int axes, int order, ProcessNoise noise) {
        this.layout = StateLayout.kinematic(axes, order);
        this.noise = noise;
        this.block = new double[(order + 1) * (order + 1)];
    }

    /** A random walk of the position of each axis: F = I. */
    public static KinematicModel randomWalk(int axes, ProcessNoise noise) {
        return new KinematicModel(axes, 0, noise);
    }

    /** State {@code [p1, v1, p2, v2, ...]}. */
    public static KinematicModel constantVelocity(int axes, ProcessNoise noise) {
        return new KinematicModel(axes, 1, noise);
    }

    /** State {@code [p1, v1, a1, p2, v2, a2, ...]}. */
    public static KinematicModel constantAcceleration(int axes, ProcessNoise noise) {
        return new KinematicModel(axes, 2, noise);
    }

    public ProcessNoise noise() {
        return noise;
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    @Override
    public void transition(double dt, DMatrixRMaj F) {
        int n = layout.size();
        int w = layout.order() + 1;
        F.reshape(n, n);
        F.zero();
        for (int axis = 0; axis < layout.axes(); axis++) {
            int o = axis * w;
            for (int i = 0; i < w; i++) {
                double term = 1;
                for (int j = i; j < w; j++) {
                    F.unsafe_set(o + i, o + j, term);
                    term *= dt / (j - i + 1);
                }
            }
        }
    }

    @Override
    public void processNoise(double dt, DMatrixRMaj Q) {
        int n = layout.size();
        int w = layout.order() + 1;
        Q.reshape(n, n);
        Q.zero();
        if (dt == 0) {
            return;
        }
        noise.block(layout.order(), dt, block);
        for (int axis = 0; axis < layout.axes(); axis++) {
            int o = axis * w;
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    Q.unsafe_set(o + i, o + j, block[i * w + j]);
                }
            }
        }
    }

    @Override
    public String toString() {
        String kind = switch (layout.order()) {
            case 0 -> "random walk";
            case 1 -> "constant velocity";
            default -> "constant acceleration";
        };
        return kind + " over " + layout.axes() + " axes";
    }
}
