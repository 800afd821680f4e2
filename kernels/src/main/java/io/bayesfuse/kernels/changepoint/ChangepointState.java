package io.bayesfuse.kernels.changepoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One channel's changepoint detector state, as a plain value for a key-value store (encoded by
 * {@link io.bayesfuse.kernels.codec.ChangepointStateCodec}): the pruned run-length posterior, each
 * hypothesis with its conjugate statistics, and the decision rule's memory. Hypotheses are ordered
 * by run length, shortest (r = 0) first.
 *
 * @param dimension        d, the length of an observation
 * @param observations     how many observations the channel has had
 * @param armed            whether the next change may be reported ({@link ChangeDecision})
 * @param runLengths       r of each hypothesis: observations in its run so far
 * @param runStarts        the timestamp of each run's first observation ({@link #NOT_STARTED} for r = 0)
 * @param logProbabilities log P(r_t = r | x_{1:t}) of each hypothesis
 * @param statistics       the hypotheses' conjugate statistics, one slice of equal length each
 */
public record ChangepointState(int dimension, long observations, boolean armed, int[] runLengths, long[] runStarts,
                               double[] logProbabilities, double[] statistics) {

    /** The start of a run that has no observation yet. */
    public static final long NOT_STARTED = Long.MIN_VALUE;

    public ChangepointState {
        Objects.requireNonNull(runLengths, "runLengths");
        int count = runLengths.length;
        if (count == 0 || runStarts.length != count || logProbabilities.length != count || statistics.length % count != 0) {
            throw new IllegalArgumentException("changepoint state: " + count + " run lengths, " + runStarts.length
                    + " starts, " + logProbabilities.length + " probabilities and " + statistics.length + " statistics do not match");
        }
        if (dimension < 1 || observations < 0) {
            throw new IllegalArgumentException("changepoint state: dimension " + dimension + ", observations " + observations);
        }
    }

    /** How many run-length hypotheses are kept. */
    public int size() {
        return runLengths.length;
    }

    /** The length of one hypothesis's statistics. */
    public int statisticsLength() {
        return statistics.length / runLengths.length;
    }

    /** P(r_t = runLengths[i] | x_{1:t}). */
    public double probability(int i) {
        return Math.exp(logProbabilities[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangepointState s && s.dimension == dimension && s.observations == observations
                && s.armed == armed && Arrays.equals(s.runLengths, runLengths) && Arrays.equals(s.runStarts, runStarts)
                && Arrays.equals(s.logProbabilities, logProbabilities) && Arrays.equals(s.statistics, statistics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimension, observations, armed) * 31 + Arrays.hashCode(logProbabilities);
    }

    @Override
    public String toString() {
        return "ChangepointState[d=" + dimension + ", t=" + observations + ", " + size() + " run lengths "
                + Arrays.toString(runLengths) + (armed ? "" : ", disarmed") + "]";
    }
}
