package io.bayesfuse.topology.tracks;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * Seeded targets moving with nearly constant velocity in the plane, state [p1, v1, p2, v2], and
 * noisy position sensors. The truth follows the exact discretisation of continuous white noise
 * acceleration (spectral density q) that the filters assume, so a consistent filter's NEES is χ²₄.
 */
final class TargetSimulation {

    private final SplitMix64 random;
    private final double q;

    TargetSimulation(long seed, double q) {
        this.random = new SplitMix64(seed);
        this.q = q;
    }

    /** A draw from N(mean, diag(variances)). */
    double[] draw(double[] mean, double[] variances) {
        double[] x = new double[mean.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = mean[i] + Math.sqrt(variances[i]) * random.nextGaussian();
        }
        return x;
    }

    /**
     * The state dt seconds later: x' = F x + w, w ~ N(0, Q) with, per axis, F = [[1, dt], [0, 1]] and
     * Q = q [[dt³/3, dt²/2], [dt²/2, dt]], drawn through its Cholesky factor.
     */
    double[] step(double[] x, double dt) {
        double a = q * dt * dt * dt / 3;
        double b = q * dt * dt / 2;
        double c = q * dt;
        double l11 = Math.sqrt(a);
        double l21 = b / l11;
        double l22 = Math.sqrt(c - l21 * l21);
        double[] next = new double[4];
        for (int axis = 0; axis < 2; axis++) {
            int p = 2 * axis;
            double u1 = random.nextGaussian();
            double u2 = random.nextGaussian();
            next[p] = x[p] + dt * x[p + 1] + l11 * u1;
            next[p + 1] = x[p + 1] + l21 * u1 + l22 * u2;
        }
        return next;
    }

    /** A position measurement [p1, p2] with independent noise of the given variances. */
    double[] measurePosition(double[] x, double varianceAxis1, double varianceAxis2) {
        return new double[]{x[0] + Math.sqrt(varianceAxis1) * random.nextGaussian(),
                x[2] + Math.sqrt(varianceAxis2) * random.nextGaussian()};
    }
}
