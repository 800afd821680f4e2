package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.fusion.Contributions;

import java.util.List;

/**
 * A fusion rule that can test one source against the fusion of the other counted sources
 * (leave-one-out). Rules with running sums compute the others' fusion from their aggregates minus
 * the source's own contribution, O(1) in the number of sources (product, Fisher); rules without
 * aggregates fuse the other sources afresh, as they do for their result (covariance intersection,
 * mixtures).
 */
public interface LeaveOneOutTest {

    /**
     * The statistic of a source's new contribution against the fusion of the other counted sources.
     *
     * @param sourceId     the source
     * @param candidate    the source's new arrays ({@link io.bayesfuse.kernels.fusion.FusionRule#admit})
     * @param inAggregates the source's arrays now in the aggregates, or null when it is not counted
     * @param others       the number of the other counted sources
     * @param sources      the counted sources as they are now; the source's own entry, when it counts, is
     *                     among them, and a rule that reads them skips it
     * @param test         how the disagreement is summarised (one the rule {@link #offers})
     * @return the statistic and its degrees of freedom; the statistic is NaN when there is nothing to
     * test against (no other source, or their fusion is not positive definite)
     */
    LeaveOneOut leaveOneOut(String sourceId, List<double[]> candidate, List<double[]> inAggregates, int others,
                            Contributions sources, TrustTest test);

    /** Whether the rule can summarise a disagreement by {@code test}: {@link TrustTest#CHI_SQUARE} by default. */
    default boolean offers(TrustTest test) {
        return test == TrustTest.CHI_SQUARE;
    }

    /** A source's arrays with its information scaled by {@code factor} (for down-weighting). */
    List<double[]> scaled(List<double[]> arrays, double factor);

    /**
     * A leave-one-out statistic: under a consistent source it follows χ² with {@code degreesOfFreedom}.
     *
     * @param statistic        the χ² value, NaN when the source was not tested
     * @param degreesOfFreedom its degrees of freedom (≥ 1)
     */
    record LeaveOneOut(double statistic, int degreesOfFreedom) {

        public LeaveOneOut {
            if (degreesOfFreedom < 1) {
                throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
            }
        }

        /** Nothing to test against, for a source of {@code dimension} parameters. */
        public static LeaveOneOut untested(int dimension) {
            return new LeaveOneOut(Double.NaN, Math.max(1, dimension));
        }
    }
}
