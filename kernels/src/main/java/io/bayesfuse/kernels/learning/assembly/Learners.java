package io.bayesfuse.kernels.learning.assembly;

import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.dense.DenseLearner;
import io.bayesfuse.kernels.learning.diagonal.DiagonalLearner;
import io.bayesfuse.kernels.learning.lowrank.LowRankLearner;

/** Builds the learner of a model specification. */
public final class Learners {

    private Learners() {
    }

    /**
     * @param nd4jFromDimension from this number of weights on, dense block updates and low-rank
     *                          products run on ND4J
     */
    public static OnlineLearner create(ModelSpec spec, int nd4jFromDimension) {
        return switch (spec.covariance()) {
            case DENSE -> new DenseLearner(spec, nd4jFromDimension);
            case DIAGONAL -> new DiagonalLearner(spec);
            case LOW_RANK -> new LowRankLearner(spec, nd4jFromDimension);
        };
    }
}
