package io.bayesfuse.kernels.filter;

/**
 * What one update did. A filter owns one instance and returns it from every
 * {@link RecursiveFilter#update} call (so the per-record path allocates nothing): read it before
 * the next call.
 */
public final class UpdateResult {

    /** What became of the measurement. */
    public enum Outcome {
        /** The measurement was applied. */
        APPLIED,
        /** The gate refused the measurement; the state is the prediction. */
        GATED,
        /** The state is not finite or not positive definite: the caller must reset it. */
        DIVERGED
    }

    private Outcome outcome = Outcome.APPLIED;
    private double nis = Double.NaN;
    private double logLikelihood = Double.NaN;
    private int dof;

    void set(Outcome outcome, double nis, double logLikelihood, int dof) {
        this.outcome = outcome;
        this.nis = nis;
        this.logLikelihood = logLikelihood;
        this.dof = dof;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The normalised innovation squared yᵀ S⁻¹ y (NaN when it could not be computed). */
    public double nis() {
        return nis;
    }

    /** log N(y; 0, S) = −½(yᵀS⁻¹y + log|S| + m log 2π), the measurement's likelihood under the prediction. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The measurement size m (the NIS's degrees of freedom). */
    public int dof() {
        return dof;
    }

    @Override
    public String toString() {
        return outcome + " nis=" + nis + " logLikelihood=" + logLikelihood;
    }
}
