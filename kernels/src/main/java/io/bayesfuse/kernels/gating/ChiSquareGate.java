package io.bayesfuse.kernels.gating;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The ellipsoidal validation gate: accept when NIS ≤ χ²ₘ⁻¹(probability), the exact quantile of
 * the chi-square distribution with m degrees of freedom (Bar-Shalom, Li, Kirubarajan 2001,
 * on validation gates; FORMAT.md "Gating"). Under a consistent filter a true measurement passes with the
 * given probability. Thresholds for m ≤ {@value #PRECOMPUTED} are computed once, so gating on
 * the per-record path allocates nothing.
 */
public final class ChiSquareGate implements Gate {

    static final int PRECOMPUTED = 16;

    private final double probability;
    private final double[] thresholds = new double[PRECOMPUTED + 1];

    /** @param probability the gate probability, strictly between 0 and 1 */
    public ChiSquareGate(double probability) {
        requireProbability("gate", "probability", probability);
        this.probability = probability;
        for (int m = 1; m <= PRECOMPUTED; m++) {
            thresholds[m] = quantile(probability, m);
        }
    }

    /** The one check of a gate probability, shared with the configuration. @throws InvalidInputException outside (0, 1) */
    public static void requireProbability(String subject, String field, double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field,
                    "is " + probability + ", must lie strictly between 0 and 1");
        }
    }

    /** χ²ₘ⁻¹(probability). */
    public static double quantile(double probability, int dof) {
        return ChiSquaredDistribution.of(dof).inverseCumulativeProbability(probability);
    }

    public double probability() {
        return probability;
    }

    /** The NIS threshold for m degrees of freedom. */
    public double threshold(int dof) {
        if (dof < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + dof);
        }
        return dof <= PRECOMPUTED ? thresholds[dof] : quantile(probability, dof);
    }

    @Override
    public boolean accepts(double nis, int dof) {
        return nis <= threshold(dof);
    }

    @Override
    public String toString() {
        return "chi-square gate p=" + probability;
    }
}
