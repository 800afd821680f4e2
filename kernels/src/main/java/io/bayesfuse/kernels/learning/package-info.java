/**
 * Online Bayesian learners: one posterior over a model's weights, updated by mini-batches of
 * labelled examples.
 *
 * <ul>
 *   <li>{@link io.bayesfuse.kernels.learning.ModelSpec}: what a model is (its {@link io.bayesfuse.kernels.learning.ModelKind}:
 *       linear with known or Normal-Inverse-Gamma noise, logistic, softmax; its prior, forgetting,
 *       random-walk drift, {@link io.bayesfuse.kernels.learning.CovarianceForm} and {@link io.bayesfuse.kernels.learning.Inference}
 *       (Laplace or assumed-density filtering)).</li>
 *   <li>{@link io.bayesfuse.kernels.learning.OnlineLearner}: a block update of a batch, the predictive distribution
 *       ({@link io.bayesfuse.kernels.learning.Prediction}) and the posterior summary; for the linear-Gaussian models
 *       a block update equals the sequential updates.</li>
 *   <li>{@link io.bayesfuse.kernels.learning.WeightPosterior} and its compact codec: the state stored between batches.</li>
 *   <li>{@link io.bayesfuse.kernels.learning.Calibration}: prequential scores (log predictive density, interval
 *       coverage, reliability).</li>
 *   <li>Sub-packages: {@code dense}, {@code diagonal} and {@code lowrank} hold one learner per covariance form;
 *       {@code algebra} the dense precision's ND4J and small-matrix paths; {@code likelihood} the
 *       logistic and softmax likelihoods; {@code laplace} the Laplace update's Newton search, shared by the
 *       dense and low-rank forms; {@code assembly} builds the learner of a specification.
 *       They depend on this package, never the other way round.</li>
 * </ul>
 */
package io.bayesfuse.kernels.learning;
