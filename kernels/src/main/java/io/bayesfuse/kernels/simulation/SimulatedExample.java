package io.bayesfuse.kernels.simulation;

/**
 * One labelled example of an {@link ExampleProblem}.
 *
 * @param modelId     the model it is for
 * @param time        when it was observed (ms since the start)
 * @param features    x
 * @param target      y: a number (regression) or a class index
 * @param trueWeights the true weights when it was drawn (row-major, one row of d per output), to compare a learner against
 */
public record SimulatedExample(String modelId, long time, double[] features, double target, double[] trueWeights) {
}
