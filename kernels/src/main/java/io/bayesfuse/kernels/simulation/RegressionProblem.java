package io.bayesfuse.kernels.simulation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A shared model several learners estimate from their own shards of data: a linear regression
 * with true weights {@code weights}, fused as quantity {@code quantityId}.
 *
 * @param quantityId       the quantity the learners' posteriors are about
 * @param weights          the true weights w
 * @param noiseVariance    σ² of the observations
 * @param priorPrecision   α of every learner's prior N(0, α⁻¹I)
 * @param learners         the number of learners (sources)
 * @param batchSize        observations a learner takes in before each publication
 * @param periodMillis     time between two publications of one learner
 * @param staleProbability the chance that a learner re-sends its previous version (a duplicate the
 *                         fusion stage must refuse as stale)
 */
public record RegressionProblem(String quantityId, double[] weights, double noiseVariance, double priorPrecision,
                                int learners, int batchSize, long periodMillis, double staleProbability) {

    public RegressionProblem {
        Objects.requireNonNull(quantityId, "quantityId");
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("quantity '" + quantityId + "': needs at least one weight");
        }
        if (learners < 1 || batchSize < 1 || periodMillis < 1) {
            throw new IllegalArgumentException("quantity '" + quantityId + "': learners, batch size and period must be >= 1");
        }
        weights = weights.clone();
    }

    /** The source id of learner {@code j}. */
    public String learnerId(int j) {
        return "learner-" + (j + 1);
    }

    @Override
    public String toString() {
        return "RegressionProblem[" + quantityId + ", w=" + Arrays.toString(weights) + ", " + learners + " learners]";
    }
}
