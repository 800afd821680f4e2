package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

/**
 * How the run-length posterior is kept small, so one observation costs O(maxHypotheses) however long
 * the stream (Adams &amp; MacKay 2007, §2.4, suggest discarding run lengths of negligible mass).
 * After each observation:
 * <ol>
 * <li>every hypothesis whose posterior probability is below {@code minProbability} is dropped,
 * except the newest one (r = 0, whose probability is the hazard itself);</li>
 * <li>while more than {@code maxHypotheses} remain, the least probable (other than r = 0) is
 * dropped — each observation adds exactly one hypothesis, so this is one scan;</li>
 * <li>the remaining probabilities are renormalised.</li>
 * </ol>
 * The dropped mass is lost, not moved: the posterior is the exact recursion restricted to the kept
 * hypotheses. Dropping intermediate run lengths of a long stationary stretch changes little, because
 * their predictives are nearly those of the longest run; the longest run survives while it is probable.
 *
 * @param minProbability posterior probability below which a run length is dropped, in [0, 1)
 * @param maxHypotheses  the most run lengths kept, ≥ 2
 */
public record RunLengthPruning(double minProbability, int maxHypotheses) {

    /** 10⁻⁶ and 100 hypotheses. */
    public static final RunLengthPruning DEFAULT = new RunLengthPruning(1e-6, 100);

    public RunLengthPruning {
        requireMinProbability("run-length pruning", minProbability);
        requireMaxHypotheses("run-length pruning", maxHypotheses);
    }

    /** The one check of the pruning probability, shared with the configuration. @throws InvalidInputException outside [0, 1) */
    public static void requireMinProbability(String subject, double minProbability) {
        if (!(minProbability >= 0 && minProbability < 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "minProbability",
                    "is " + minProbability + ", must lie in [0, 1)");
        }
    }

    /** The one check of the hypothesis bound, shared with the configuration. @throws InvalidInputException below 2 */
    public static void requireMaxHypotheses(String subject, int maxHypotheses) {
        if (maxHypotheses < 2) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "maxHypotheses", "is " + maxHypotheses + ", must be at least 2");
        }
    }
}
