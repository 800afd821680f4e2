package io.bayesfuse.kernels.simulation;

/**
 * A learner's published posterior of a shared linear model, in information form.
 *
 * @param quantityId   the quantity
 * @param sourceId     the learner
 * @param version      1 for its first publication, then one more each time
 * @param time         when it was published (ms since start)
 * @param precision    Λ
 * @param information  η = Λ·mean
 * @param observations how many observations it rests on
 */
public record LearnerPosterior(String quantityId, String sourceId, long version, long time, double[][] precision,
                               double[] information, long observations) {
}
