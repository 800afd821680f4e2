package io.bayesfuse.benchmarks;

import java.util.Locale;

/**
 * What one benchmark run measures. Each baseline reads the same input, with the same serdes, as
 * the stage it is compared with, so that a ratio compares the work of the stage and nothing else.
 */
public enum Stage {
    /** Measurements forwarded unchanged after reading and writing one counter per entity. */
    BASELINE("baseline", Input.MEASUREMENTS),
    /** The filter stage: one Kalman filter per entity. */
    FILTER("filter", Input.MEASUREMENTS),
    /** Posterior updates forwarded unchanged after reading and writing one counter per quantity. */
    BASELINE_POSTERIORS("baseline-posteriors", Input.POSTERIOR_UPDATES),
    /** The fusion stage: product-rule fusion of K sources per quantity. */
    FUSION("fusion", Input.POSTERIOR_UPDATES),
    /** Examples forwarded unchanged after reading and writing one counter per model. */
    BASELINE_EXAMPLES("baseline-examples", Input.EXAMPLES),
    /** The learner stage: Bayesian linear regression per model, d weights, mini-batches of {@link BenchConfigs#LEARNER_BATCH}. */
    LEARNER("learner", Input.EXAMPLES);

    /** The kind of input record a stage reads. */
    public enum Input { MEASUREMENTS, POSTERIOR_UPDATES, EXAMPLES }

    private final String label;
    private final Input input;

    Stage(String label, Input input) {
        this.label = label;
        this.input = input;
    }

    public String label() {
        return label;
    }

    public Input input() {
        return input;
    }

    public boolean isBaseline() {
        return this == BASELINE || this == BASELINE_POSTERIORS || this == BASELINE_EXAMPLES;
    }

    /** The stage named {@code label} (as printed), case-insensitively. */
    public static Stage ofLabel(String label) {
        for (Stage stage : values()) {
            if (stage.label.equalsIgnoreCase(label.trim()) || stage.name().equalsIgnoreCase(label.trim())) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + label + "': expected one of baseline, filter, "
                + "baseline-posteriors, fusion, baseline-examples, learner");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
