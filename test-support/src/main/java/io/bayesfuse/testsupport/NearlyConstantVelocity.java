package io.bayesfuse.testsupport;

/**
 * The nearly-constant-velocity model in the plane, state [p1, v1, p2, v2], with continuous white-noise
 * acceleration of spectral density q, exactly discretised (Bar-Shalom, Li &amp; Kirubarajan §6.2.2): per
 * axis F = [[1, dt], [0, 1]] and Q = q·[[dt³/3, dt²/2], [dt²/2, dt]].
 */
public final class NearlyConstantVelocity {

    /** H of a position measurement [p1, p2]. */
    public static final double[][] POSITION = {{1, 0, 0, 0}, {0, 0, 1, 0}};

    private NearlyConstantVelocity() {
    }

    public static double[][] transition(double dt) {
        double[][] F = new double[4][4];
        for (int p = 0; p < 4; p += 2) {
            F[p][p] = 1;
            F[p][p + 1] = dt;
            F[p + 1][p + 1] = 1;
        }
        return F;
    }

    public static double[][] processNoise(double dt, double q) {
        double[][] Q = new double[4][4];
        for (int p = 0; p < 4; p += 2) {
            Q[p][p] = q * dt * dt * dt / 3;
            Q[p][p + 1] = q * dt * dt / 2;
            Q[p + 1][p] = q * dt * dt / 2;
            Q[p + 1][p + 1] = q * dt;
        }
        return Q;
    }
}
