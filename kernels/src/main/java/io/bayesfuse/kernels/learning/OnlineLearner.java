package io.bayesfuse.kernels.learning;


import java.util.List;

/**
 * A Bayesian learner of one model: it keeps no state of its own between calls (the posterior is
 * the caller's, stored and restored by it), only preallocated work space for the model's dimension.
 * Not thread-safe: one per model per thread.
 */
public interface OnlineLearner extends AutoCloseable {

    ModelSpec spec();

    /** The posterior before any example. */
    default WeightPosterior prior() {
        return WeightPosterior.prior(spec());
    }

    /**
     * Learns from one batch, in place: the posterior is first moved to the batch's time t (the newest
     * of its own time and the examples'; forgetting and drift act over the gap), then every example
     * is scored by the predictive distribution of that posterior (prequential evaluation, before
     * the batch updates the model), then the batch updates it and it is counted.
     *
     * @return the batch's scores
     * @throws LearningFailedException when the updated precision is not positive definite (the
     *                                 posterior is then unspecified: restart it from the prior)
     */
    Calibration learn(WeightPosterior posterior, List<LabelledExample> batch);

    /** The predictive distribution of y for features x (before the bias, if the model has one) under the posterior. */
    Prediction predict(WeightPosterior posterior, FeatureVector x);

    /** The posterior mean, the marginal standard deviations of the first {@code sdLimit} weights and the noise. */
    PosteriorSummary summarise(WeightPosterior posterior, int sdLimit);

    @Override
    void close();

    /** The exponential forgetting weight of evidence of age Δt: 2^(−Δt/halfLife), 1 without forgetting. */
    static double retained(long ageMillis, long halfLifeMillis) {
        return halfLifeMillis <= 0 || ageMillis <= 0 ? 1.0 : Math.pow(2.0, -(double) ageMillis / halfLifeMillis);
    }

    /** The time a batch moves the posterior to: the newest of its own and the examples' times. */
    static long batchTime(WeightPosterior posterior, List<LabelledExample> batch) {
        long t = posterior.time();
        for (LabelledExample e : batch) {
            t = Math.max(t, e.time());
        }
        return t;
    }
}
