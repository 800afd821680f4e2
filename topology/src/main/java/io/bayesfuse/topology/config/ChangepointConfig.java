package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.changepoint.ChangeDecision;
import io.bayesfuse.kernels.changepoint.ConstantHazard;
import io.bayesfuse.kernels.changepoint.RunLengthPruning;

/**
 * Online Bayesian changepoint detection on a sensor (Adams &amp; MacKay run-length recursion), e.g.
 * <pre>
 * changepoint:
 *   model: innovations          # innovations (normalised innovations, Normal-Inverse-Wishart) | channel (raw, Normal-Gamma)
 *   hazard: 1000                # expected observations between changes
 *   threshold: 0.8              # detect when P(change within the last window observations) reaches this
 *   window: 20
 *   rearm: 0.1
 *   pruning: {maxHypotheses: 100, minProbability: 1.0e-6}
 *   action: {type: inflate-r, factor: 10, durationMillis: 10000}   # none | inflate-r | reset-entities
 * </pre>
 * The detector of a sensor runs per partition of the measurements topic (see the filter stage).
 *
 * @param enabled   whether detection runs (default true)
 * @param model     innovations | channel (default innovations)
 * @param channel   the measurement component watched by the channel model
 * @param hazard    λ &gt; 1, the expected run length in observations (default 1000)
 * @param threshold in (0, 1) (default 0.8)
 * @param window    W ≥ 1 observations (default 20)
 * @param rearm     in [0, threshold] (default 0.1)
 * @param pruning   the bound on the run-length hypotheses kept
 * @param prior     the conjugate model's prior
 * @param action    what a detection does (default none)
 */
public record ChangepointConfig(Boolean enabled, String model, Integer channel, Double hazard, Double threshold,
                                Integer window, Double rearm, PruningConfig pruning, PriorConfig prior, ActionConfig action) {

    public boolean on() {
        return enabled == null || enabled;
    }

    /** The model in force (default innovations), or null when {@code model} names none (refused by validation). */
    public ChangepointModel modelOrDefault() {
        return model == null ? ChangepointModel.INNOVATIONS : ChangepointModel.of(model);
    }

    public double hazardOrDefault() {
        return hazard == null ? 1000.0 : hazard;
    }

    public double thresholdOrDefault() {
        return threshold == null ? 0.8 : threshold;
    }

    public int windowOrDefault() {
        return window == null ? 20 : window;
    }

    public double rearmOrDefault() {
        return rearm == null ? 0.1 : rearm;
    }

    public PruningConfig pruningOrDefault() {
        return pruning == null ? new PruningConfig(null, null) : pruning;
    }

    public PriorConfig priorOrDefault() {
        return prior == null ? new PriorConfig(null, null, null, null, null) : prior;
    }

    public ActionConfig actionOrDefault() {
        return action == null ? new ActionConfig(ChangepointActionType.NONE.id(), null, null) : action;
    }

    void validate(String path, Problems problems) {
        boolean channelModel = problems.requireOneOf(path + ".model", model, ChangepointModel.class) == ChangepointModel.CHANNEL;
        if (channelModel) {
            if (problems.requirePresent(path + ".channel", channel) && channel < 0) {
                problems.add(path + ".channel", "is " + channel + ", must be a measurement component index >= 0");
            }
        } else if (channel != null) {
            problems.add(path + ".channel", "is only used by the channel model");
        }
        if (hazard != null) {
            problems.check(path + ".hazard", () -> ConstantHazard.requireExpectedRunLength(path, "hazard", hazard));
        }
        if (threshold != null) {
            problems.check(path + ".threshold", () -> ChangeDecision.requireThreshold(path, threshold));
        }
        if (window != null) {
            problems.check(path + ".window", () -> ChangeDecision.requireWindow(path, window));
        }
        if (rearm != null) {
            problems.check(path + ".rearm", () -> ChangeDecision.requireRearm(path, rearm, thresholdOrDefault()));
        }
        if (pruning != null) {
            pruning.validate(path + ".pruning", problems);
        }
        if (prior != null) {
            prior.validate(path + ".prior", channelModel, problems);
        }
        if (action != null) {
            action.validate(path + ".action", problems);
        }
    }

    /**
     * @param maxHypotheses  the most run lengths kept, ≥ 2 (default 100)
     * @param minProbability run lengths below this posterior probability are dropped, in [0, 1) (default 1e-6)
     */
    public record PruningConfig(Integer maxHypotheses, Double minProbability) {

        public int maxHypothesesOrDefault() {
            return maxHypotheses == null ? 100 : maxHypotheses;
        }

        public double minProbabilityOrDefault() {
            return minProbability == null ? 1e-6 : minProbability;
        }

        void validate(String path, Problems problems) {
            if (maxHypotheses != null) {
                problems.check(path + ".maxHypotheses", () -> RunLengthPruning.requireMaxHypotheses(path, maxHypotheses));
            }
            if (maxHypotheses != null && maxHypotheses > 10_000) {
                problems.add(path + ".maxHypotheses", "is " + maxHypotheses + ", at most 10000 (it bounds the cost of every observation)");
            }
            if (minProbability != null) {
                problems.check(path + ".minProbability", () -> RunLengthPruning.requireMinProbability(path, minProbability));
            }
        }
    }

    /**
     * The conjugate prior. Innovations model (whitened innovations, N(0, I) while the filter is
     * consistent): a standard-normal Normal-Inverse-Wishart with {@code kappa} (default 1) and
     * {@code nu} &gt; d + 1 (default d + 4). Channel model: a Normal-Gamma with {@code mean} (default 0),
     * {@code kappa} (default 0.1), {@code alpha} (default 1) and {@code beta} (default: alpha times the
     * channel's configured variance).
     */
    public record PriorConfig(Double mean, Double kappa, Double alpha, Double beta, Double nu) {

        void validate(String path, boolean channel, Problems problems) {
            positive(path + ".kappa", kappa, problems);
            if (channel) {
                if (mean != null && !Double.isFinite(mean)) {
                    problems.add(path + ".mean", "must be finite");
                }
                positive(path + ".alpha", alpha, problems);
                positive(path + ".beta", beta, problems);
                if (nu != null) {
                    problems.add(path + ".nu", "is only used by the innovations model");
                }
            } else {
                positive(path + ".nu", nu, problems);
                if (mean != null || alpha != null || beta != null) {
                    problems.add(path, "mean, alpha and beta are only used by the channel model");
                }
            }
        }

        private static void positive(String path, Double value, Problems problems) {
            if (value != null && !(value > 0 && Double.isFinite(value))) {
                problems.add(path, "is " + value + ", must be a finite number above 0");
            }
        }
    }

    /**
     * @param type           none | inflate-r | reset-entities
     * @param factor         inflate-r: R is multiplied by it, &gt; 1 (default 10)
     * @param durationMillis inflate-r: for how long after the detection, event time (default 10000)
     */
    public record ActionConfig(String type, Double factor, Long durationMillis) {

        /** The action, or null when {@code type} names none (refused by validation). */
        public ChangepointActionType kind() {
            return ChangepointActionType.of(type);
        }

        public double factorOrDefault() {
            return factor == null ? 10.0 : factor;
        }

        public long durationMillisOrDefault() {
            return durationMillis == null ? 10_000L : durationMillis;
        }

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".type", type)) {
                problems.requireOneOf(path + ".type", type, ChangepointActionType.class);
            }
            boolean inflate = kind() == ChangepointActionType.INFLATE_R;
            if (factor != null && (!inflate || !(factor > 1 && Double.isFinite(factor)))) {
                problems.add(path + ".factor", inflate ? "is " + factor + ", must be a finite number above 1"
                        : "is only used by the inflate-r action");
            }
            if (durationMillis != null && (!inflate || durationMillis < 1)) {
                problems.add(path + ".durationMillis", inflate ? "is " + durationMillis + ", must be at least 1 ms"
                        : "is only used by the inflate-r action");
            }
        }
    }
}
