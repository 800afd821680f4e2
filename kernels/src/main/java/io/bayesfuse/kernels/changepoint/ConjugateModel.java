package io.bayesfuse.kernels.changepoint;

/**
 * The "underlying predictive model" of the run-length recursion (Adams &amp; MacKay 2007, §2.2): a
 * conjugate exponential-family model whose posterior after the observations of one run is held in a
 * few sufficient statistics, and whose posterior predictive π(x | run) scores the next observation.
 *
 * <p>Each run-length hypothesis keeps its statistics in a slice of one flat {@code double[]}
 * ({@link #statisticsLength()} values starting at {@code at}), so the detector's state is a handful
 * of arrays with no object per hypothesis. Quantities that only depend on the number of observations
 * absorbed so far (pseudo-counts such as κ, α, ν) are derived from it and not stored.
 * Implementations keep small work arrays: one instance per detector, not thread-safe.
 */
public interface ConjugateModel {

    /** d, the length of an observation. */
    int dimension();

    /** How many doubles one hypothesis's statistics take. */
    int statisticsLength();

    /** Writes the prior's statistics (a run with no observations yet). */
    void writePrior(double[] statistics, int at);

    /**
     * log π(x | the {@code count} observations absorbed into these statistics): the log density of
     * the posterior predictive (a Student-t for the Normal-Gamma and Normal-Inverse-Wishart models).
     */
    double logPredictive(int count, double[] statistics, int at, double[] x);

    /** Updates the statistics, which hold {@code count} observations, to include x as well. */
    void absorb(int count, double[] statistics, int at, double[] x);
}
