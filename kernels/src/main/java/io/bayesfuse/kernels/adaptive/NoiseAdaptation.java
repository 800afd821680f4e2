package io.bayesfuse.kernels.adaptive;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import org.ejml.data.DMatrixRMaj;

/**
 * How a sensor's R is learned (one settings object per sensor).
 *
 * <ul>
 * <li>{@code structure}: {@link Structure#DIAGONAL} learns each component's variance (inverse-Gamma,
 * Särkkä &amp; Nummenmaa 2009); {@link Structure#FULL} learns the whole covariance (inverse-Wishart,
 * Särkkä &amp; Hartikainen 2013).</li>
 * <li>{@code forgetting} ρ ∈ (0, 1]: before each of the sensor's measurements the posterior's
 * pseudo-counts are multiplied by ρ (S&amp;N eq. 11), so old evidence fades and R can drift. At
 * equilibrium the posterior holds about 1/(1 − ρ) measurements' worth of evidence: ρ = 0.98 learns
 * from the last ~50. ρ = 1 learns a constant R.</li>
 * <li>{@code priorStrength} n₀: the configured R is the prior's point estimate, worth n₀
 * measurements (α₀ = n₀/2, β₀ = α₀·Rᵢᵢ; or ν₀ = n₀, V₀ = n₀·R).</li>
 * <li>{@code iterations} N ≥ 1: fixed-point iterations of the variational update per measurement (each
 * one Kalman update; S&amp;N report that a few suffice).</li>
 * </ul>
 * So that the posterior mean E[R] always exists, n₀ and the equilibrium 1/(1 − ρ) must exceed 2 (diagonal)
 * or m + 1 (full); {@link #requireUsableFor} checks that once the sensor's m is known.
 */
public record NoiseAdaptation(Structure structure, double forgetting, double priorStrength, int iterations) {

    /** What is learned. */
    public enum Structure {
        /** A variance per component; off-diagonal noise is taken as zero. */
        DIAGONAL,
        /** The whole covariance. */
        FULL
    }

    public NoiseAdaptation {
        String subject = "noise adaptation";
        if (structure == null) {
            throw new InvalidInputException(Problem.MISSING, subject, "structure", "is missing");
        }
        requireForgetting(subject, forgetting);
        requirePriorStrength(subject, priorStrength);
        requireIterations(subject, iterations);
    }

    /** The one check of ρ, shared with the configuration. @throws InvalidInputException outside (0, 1] */
    public static void requireForgetting(String subject, double forgetting) {
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "forgetting", "is " + forgetting + ", must lie in (0, 1]");
        }
    }

    /** The one check of n₀, shared with the configuration. @throws InvalidInputException unless finite and above 0 */
    public static void requirePriorStrength(String subject, double priorStrength) {
        if (!(priorStrength > 0 && Double.isFinite(priorStrength))) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "priorStrength",
                    "is " + priorStrength + ", must be a finite number of measurements above 0");
        }
    }

    /** The one check of the number of variational iterations, shared with the configuration. */
    public static void requireIterations(String subject, int iterations) {
        if (iterations < 1) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "iterations", "is " + iterations + ", must be at least 1");
        }
    }

    /**
     * The one rule of which sensors can learn R, shared with the configuration: not one whose
     * measurement is state evidence, whose R is the evidence's own covariance.
     *
     * @throws InvalidInputException naming {@code adaptation} when {@code stateEvidence}
     */
    public static void requireLearnable(String subject, boolean stateEvidence) {
        if (stateEvidence) {
            throw new InvalidInputException(Problem.INCONSISTENT, subject, "adaptation",
                    "cannot learn the noise of a state-evidence measurement: its R is the evidence's own covariance");
        }
    }

    /**
     * Checks that the posterior mean stays defined for an m-component sensor.
     *
     * @param subject names the sensor in errors, e.g. {@code sensor 'gps'}
     */
    public void requireUsableFor(String subject, int m) {
        double needed = structure == Structure.DIAGONAL ? 2 : m + 1;
        if (!(priorStrength > needed)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "adaptation.priorStrength",
                    "is " + priorStrength + " but must exceed " + needed + " for a " + structure.name().toLowerCase()
                            + " R of " + m + " components to have a posterior mean");
        }
        if (forgetting < 1 && !(1 / (1 - forgetting) > needed)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "adaptation.forgetting",
                    "is " + forgetting + ": it keeps about " + (1 / (1 - forgetting)) + " measurements of evidence, but a "
                            + structure.name().toLowerCase() + " R of " + m + " components needs more than " + needed);
        }
    }

    /**
     * A posterior to re-learn from after a detected change of the sensor (a changepoint on its
     * innovations): the current point estimate (E[R⁻¹])⁻¹ times {@code inflation}, but worth only
     * {@code priorStrength} measurements again, so the next measurements move it as fast as at the
     * start instead of against ~1/(1 − ρ) measurements of stale evidence.
     *
     * @param inflation &gt; 0; 1 keeps the estimate, above 1 widens it (the usual reaction to a
     *                  variance increase until the posterior catches up)
     */
    public NoisePosterior relearn(NoisePosterior current, double inflation) {
        if (!(inflation > 0) || !Double.isFinite(inflation)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, "noise adaptation", "inflation",
                    "must be a finite number above 0, got " + inflation);
        }
        double[][] R = current.variationalR();
        int m = R.length;
        DMatrixRMaj estimate = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                estimate.set(i, j, inflation * R[i][j]);
            }
        }
        return prior(estimate);
    }

    /** The prior: the configured R as the point estimate, worth {@code priorStrength} measurements. */
    public NoisePosterior prior(DMatrixRMaj R) {
        int m = R.numRows;
        if (structure == Structure.DIAGONAL) {
            double[] alpha = new double[m];
            double[] beta = new double[m];
            for (int i = 0; i < m; i++) {
                alpha[i] = priorStrength / 2;
                beta[i] = alpha[i] * R.get(i, i);
            }
            return new InverseGammaNoise(alpha, beta);
        }
        double[] V = new double[m * m];
        for (int i = 0; i < m * m; i++) {
            V[i] = priorStrength * R.data[i];
        }
        return new InverseWishartNoise(priorStrength, V);
    }
}
