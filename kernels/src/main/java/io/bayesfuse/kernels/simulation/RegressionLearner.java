package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * One learner of a {@link RegressionProblem}: it sees its own shard of the data (features
 * x ~ N(m, I) around a shard-specific centre m, so shards differ), updates its conjugate posterior
 * by a batch at a time and publishes it with a growing version.
 */
public final class RegressionLearner {

    private final RegressionProblem problem;
    private final String sourceId;
    private final SplitMix64 random;
    private final double[] centre;
    private final BayesianLinearRegression posterior;
    private long version;
    private LearnerPosterior last;

    public RegressionLearner(RegressionProblem problem, int index, long seed) {
        this.problem = problem;
        this.sourceId = problem.learnerId(index);
        this.random = new SplitMix64(seed);
        int d = problem.weights().length;
        this.centre = new double[d];
        for (int i = 0; i < d; i++) {
            centre[i] = 1.5 * random.nextGaussian();
        }
        this.posterior = new BayesianLinearRegression(d, problem.priorPrecision(), problem.noiseVariance());
    }

    public String sourceId() {
        return sourceId;
    }

    /**
     * Learns from the next batch and returns the new posterior, or, with the problem's stale
     * probability (and once there is one), the previous publication again unchanged.
     */
    public LearnerPosterior publish(long time) {
        if (last != null && random.nextDouble() < problem.staleProbability()) {
            return last;
        }
        double[] w = problem.weights();
        double sigma = Math.sqrt(problem.noiseVariance());
        for (int k = 0; k < problem.batchSize(); k++) {
            double[] x = new double[w.length];
            double y = 0;
            for (int i = 0; i < w.length; i++) {
                x[i] = centre[i] + random.nextGaussian();
                y += w[i] * x[i];
            }
            posterior.observe(x, y + sigma * random.nextGaussian());
        }
        version++;
        last = new LearnerPosterior(problem.quantityId(), sourceId, version, time, posterior.precision(),
                posterior.information(), posterior.observations());
        return last;
    }
}
