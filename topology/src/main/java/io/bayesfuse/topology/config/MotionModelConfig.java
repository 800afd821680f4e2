package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * A motion model, e.g.
 * <pre>
 * type: constant-velocity     # or constant-acceleration, random-walk
 * axes: 2
 * processNoise: {type: continuous-white-noise, spectralDensity: 0.5}
 * </pre>
 * or a general linear model with a fixed transition and noise per step:
 * <pre>
 * type: linear
 * F: [[1, 0.1], [0, 1]]
 * Q: [[0.01, 0], [0, 0.01]]
 * </pre>
 *
 * @param type         constant-velocity | constant-acceleration | random-walk | linear
 * @param axes         number of spatial axes (kinematic types)
 * @param processNoise the process noise (kinematic types)
 * @param F            the transition matrix (linear)
 * @param Q            the process noise covariance per step (linear)
 */
public record MotionModelConfig(String type, Integer axes, ProcessNoiseConfig processNoise, double[][] F, double[][] Q) {

    public static final Set<String> TYPES = Set.of("constant-velocity", "constant-acceleration", "random-walk", "linear");

    /** Whether this is one of the kinematic types (axes and process noise) rather than {@code linear}. */
    public boolean isKinematic() {
        return !"linear".equals(type);
    }

    void validate(String path, Problems problems) {
        if (!problems.requirePresent(path + ".type", type)) {
            return;
        }
        if (!TYPES.contains(type)) {
            problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
            return;
        }
        if (isKinematic()) {
            if (problems.requirePresent(path + ".axes", axes) && axes < 1) {
                problems.add(path + ".axes", "is " + axes + ", must be at least 1");
            }
            if (problems.requirePresent(path + ".processNoise", processNoise)) {
                processNoise.validate(path + ".processNoise", problems);
            }
            refuse(path + ".F", F, problems);
            refuse(path + ".Q", Q, problems);
        } else {
            refuse(path + ".axes", axes, problems);
            refuse(path + ".processNoise", processNoise, problems);
            if (problems.requirePresent(path + ".F", F) & problems.requirePresent(path + ".Q", Q)
                    && MatrixSettings.requireSquare(path + ".F", F, problems)
                    && MatrixSettings.requireSquare(path + ".Q", Q, problems) && Q.length != F.length) {
                problems.add(path + ".Q", "is " + Q.length + "x" + Q.length + " but F is " + F.length + "x" + F.length);
            }
        }
    }

    private void refuse(String path, Object value, Problems problems) {
        if (value != null) {
            problems.add(path, "is not used by a motion model of type " + type);
        }
    }

    /**
     * @param type             continuous-white-noise or discrete-white-noise
     * @param spectralDensity  q, for continuous white noise
     * @param variance         σ², for discrete (piecewise-constant) white noise
     */
    public record ProcessNoiseConfig(String type, Double spectralDensity, Double variance) {

        public static final Set<String> TYPES = Set.of("continuous-white-noise", "discrete-white-noise");

        void validate(String path, Problems problems) {
            if (!problems.requirePresent(path + ".type", type)) {
                return;
            }
            switch (type) {
                case "continuous-white-noise" -> requireNonNegative(path + ".spectralDensity", spectralDensity, problems);
                case "discrete-white-noise" -> requireNonNegative(path + ".variance", variance, problems);
                default -> problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
            }
        }

        private static void requireNonNegative(String path, Double value, Problems problems) {
            if (problems.requirePresent(path, value) && !(value >= 0 && Double.isFinite(value))) {
                problems.add(path, "is " + value + ", must be a finite number >= 0");
            }
        }
    }
}
