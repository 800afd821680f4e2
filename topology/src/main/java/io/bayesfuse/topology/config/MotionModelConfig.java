package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * A motion model, e.g.
 * <pre>
 * type: constant-velocity     # or constant-acceleration
 * axes: 2
 * processNoise: {type: continuous-white-noise, spectralDensity: 0.5}
 * </pre>
 *
 * @param type         the model kind
 * @param axes         number of spatial axes
 * @param processNoise the process noise
 */
public record MotionModelConfig(String type, Integer axes, ProcessNoiseConfig processNoise) {

    public static final Set<String> TYPES = Set.of("constant-velocity", "constant-acceleration");

    void validate(String path, Problems problems) {
        if (problems.requirePresent(path + ".type", type) && !TYPES.contains(type)) {
            problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
        }
        if (problems.requirePresent(path + ".axes", axes) && axes < 1) {
            problems.add(path + ".axes", "is " + axes + ", must be at least 1");
        }
        if (problems.requirePresent(path + ".processNoise", processNoise)) {
            processNoise.validate(path + ".processNoise", problems);
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
