package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.adaptive.NoiseAdaptation;

/**
 * A sensor's adaptive measurement noise: its R is learned online by the variational-Bayes adaptive
 * Kalman update (Särkkä &amp; Nummenmaa), the configured R being the prior's point estimate, e.g.
 * <pre>
 * adaptation: {type: diagonal, priorStrength: 10, forgetting: 0.98, iterations: 3}
 * </pre>
 * The posterior is kept per entity × sensor in the entity's state (see {@code EntityTracker}). It is
 * learned for the entities whose filter can learn it (kf, ekf, ukf); entities served by another
 * filter (information, particle, imm) use the configured R. A configuration where no filter can
 * learn it is refused at start-up.
 *
 * @param type          off | diagonal (an inverse-Gamma per component) | full (inverse-Wishart)
 * @param priorStrength how many measurements the configured R is worth (default 10); must exceed 2
 *                      (diagonal) or m + 1 (full)
 * @param forgetting    ρ in (0, 1]: about 1/(1 − ρ) measurements of evidence are kept (default 0.98)
 * @param iterations    fixed-point iterations per measurement (default 3)
 */
public record AdaptationConfig(String type, Double priorStrength, Double forgetting, Integer iterations) {

    /** The structure, or null when {@code type} names none (refused by validation). */
    public AdaptationStructure kind() {
        return AdaptationStructure.of(type);
    }

    /** Whether R is learned: the type is diagonal or full. */
    public boolean enabled() {
        return type != null && kind() != AdaptationStructure.OFF;
    }

    public double priorStrengthOrDefault() {
        return priorStrength == null ? 10.0 : priorStrength;
    }

    public double forgettingOrDefault() {
        return forgetting == null ? 0.98 : forgetting;
    }

    public int iterationsOrDefault() {
        return iterations == null ? 3 : iterations;
    }

    void validate(String path, Problems problems) {
        if (problems.requirePresent(path + ".type", type)) {
            problems.requireOneOf(path + ".type", type, AdaptationStructure.class);
        }
        if (priorStrength != null) {
            problems.check(path + ".priorStrength", () -> NoiseAdaptation.requirePriorStrength(path, priorStrength));
        }
        if (forgetting != null) {
            problems.check(path + ".forgetting", () -> NoiseAdaptation.requireForgetting(path, forgetting));
        }
        if (iterations != null) {
            problems.check(path + ".iterations", () -> NoiseAdaptation.requireIterations(path, iterations));
        }
    }
}
