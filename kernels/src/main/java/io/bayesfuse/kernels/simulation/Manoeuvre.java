package io.bayesfuse.kernels.simulation;

/**
 * What a target does for a while: a coordinated turn at {@code turnRate} while its speed changes
 * at {@code acceleration}. Flying straight at constant speed is (0, 0).
 *
 * @param turnRate     ω in rad/s, positive counter-clockwise
 * @param acceleration tangential acceleration in m/s²
 * @param until        the time (ms since start) at which the target chooses its next manoeuvre
 */
public record Manoeuvre(double turnRate, double acceleration, long until) {
}
