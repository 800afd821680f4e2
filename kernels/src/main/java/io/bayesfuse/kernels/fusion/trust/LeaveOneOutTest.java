package io.bayesfuse.kernels.fusion.trust;

import java.util.List;

/**
 * A fusion rule that can test one source against the fusion of the others from its running
 * aggregates, without reading the other sources: O(1) in their number.
 */
public interface LeaveOneOutTest {

    /**
     * The χ² statistic of a source's new contribution against the fusion of the other counted
     * sources: the rule's aggregates minus {@code inAggregates}.
     *
     * @param candidate    the source's new arrays ({@link io.bayesfuse.kernels.fusion.FusionRule#admit})
     * @param inAggregates the source's arrays now in the aggregates, or null when it is not counted
     * @param others       the number of the other counted sources
     * @return the statistic, NaN when there is nothing to test against (no other source, or their
     * fusion is not positive definite)
     */
    double leaveOneOutStatistic(List<double[]> candidate, List<double[]> inAggregates, int others);

    /** The statistic's degrees of freedom for a source's arrays (the quantity's dimension). */
    int degreesOfFreedom(List<double[]> arrays);

    /** A source's arrays with its information scaled by {@code factor} (for down-weighting). */
    List<double[]> scaled(List<double[]> arrays, double factor);
}
