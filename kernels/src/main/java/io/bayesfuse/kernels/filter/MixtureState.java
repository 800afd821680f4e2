package io.bayesfuse.kernels.filter;

import java.util.Arrays;

/**
 * The state of an IMM estimator: the mode probabilities μ and each mode's Gaussian, in that
 * mode's own layout (modes may differ in size).
 *
 * @param probabilities μⱼ, summing to 1
 * @param modes         the mode-conditioned estimates
 * @param dimension     the size of the combined output estimate
 */
public record MixtureState(double[] probabilities, GaussianState[] modes, int dimension) implements FilterState {

    public MixtureState {
        if (probabilities.length != modes.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + modes.length + " modes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixtureState m && Arrays.equals(probabilities, m.probabilities)
                && Arrays.equals(modes, m.modes) && dimension == m.dimension;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(probabilities) + Arrays.hashCode(modes) + dimension;
    }

    @Override
    public String toString() {
        return "MixtureState[μ=" + Arrays.toString(probabilities) + ", modes=" + Arrays.toString(modes) + "]";
    }
}
