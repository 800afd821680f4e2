package io.bayesfuse.kernels.simulation;

/**
 * The true kinematic state of a simulated target at one time.
 *
 * @param time milliseconds since the start of the simulation
 * @param x    east position (m)
 * @param vx   east velocity (m/s)
 * @param y    north position (m)
 * @param vy   north velocity (m/s)
 */
public record TargetState(long time, double x, double vx, double y, double vy) {

    /** The state in the 2-D constant-velocity layout of FORMAT.md: [p1, v1, p2, v2]. */
    public double[] constantVelocityVector() {
        return new double[]{x, vx, y, vy};
    }

    public double speed() {
        return Math.hypot(vx, vy);
    }
}
