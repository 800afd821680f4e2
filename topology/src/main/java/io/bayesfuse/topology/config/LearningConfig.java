package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.learning.algebra.DensePrecision;

/**
 * Settings of every online learner of a deployment ({@code learning:}).
 *
 * @param nd4jFromDimension from this number of weights on, a dense learner's block updates and solves
 *                          run on ND4J, below it in plain Java (default: the crossover measured on the
 *                          build machine, {@link DensePrecision#DEFAULT_ND4J_FROM_DIMENSION})
 */
public record LearningConfig(Integer nd4jFromDimension) {

    public static final LearningConfig DEFAULT = new LearningConfig(null);

    public int nd4jFromDimensionOrDefault() {
        return nd4jFromDimension == null ? DensePrecision.DEFAULT_ND4J_FROM_DIMENSION : nd4jFromDimension;
    }

    void validate(String path, Problems problems) {
        if (nd4jFromDimension != null && nd4jFromDimension < 1) {
            problems.add(path + ".nd4jFromDimension", "is " + nd4jFromDimension + ", must be at least 1");
        }
    }
}
