package io.bayesfuse.kernels.changepoint;

/**
 * The changepoint prior of the run-length recursion (Adams &amp; MacKay 2007, eq. 4–5): H(r), the
 * probability that a run which has lasted r observations ends before the next one. Implementations
 * return logarithms, because the recursion runs in log space.
 */
public interface Hazard {

    /** H(r), for r ≥ 0 observations in the run so far. */
    default double probability(int runLength) {
        return Math.exp(logProbability(runLength));
    }

    /** log H(r). */
    double logProbability(int runLength);

    /** log(1 − H(r)): the run grows by the next observation. */
    double logComplement(int runLength);
}
