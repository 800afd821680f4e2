package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.learning.CovarianceForm;
import io.bayesfuse.kernels.learning.Inference;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.NoiseModel;

import java.util.Arrays;
import java.util.Map;

/**
 * One online learner's model, fed by the examples keyed by its id ({@code models.<id>}), e.g.
 * <pre>
 * models:
 *   prices:                       # Bayesian linear regression, unknown noise (Normal-Inverse-Gamma)
 *     type: linear
 *     features: 16
 *     bias: true
 *     prior: {mean: 0, variance: 10}
 *     noise: {variance: 1.0, known: false, strength: 2}
 *     forgettingHalfLifeMillis: 600000
 *     batch: 64
 *   churn:                        # Bayesian logistic regression, Laplace update per batch
 *     type: logistic
 *     features: 32
 *     inference: laplace
 *   clicks:                       # many features: a low-rank-plus-diagonal precision of rank 32
 *     type: logistic
 *     features: 2048
 *     covariance: low-rank
 *     rank: 32
 * </pre>
 *
 * @param type                     linear | logistic | softmax
 * @param features                 d, the length of every example's feature vector
 * @param classes                  K of a softmax model (at least 2); leave it out otherwise
 * @param bias                     append a constant 1 to the features (a last-layer head's bias); default false
 * @param covariance               dense (default) | diagonal | low-rank: how the posterior's precision is held
 * @param rank                     low-rank only, and required there: r of the precision diag(δ) + VVᵀ (1 to
 *                                 {@value #MAX_RANK}, at most the model's number of weights)
 * @param inference                exact (linear only, the default there) | laplace (default for classifiers) | adf
 * @param prior                    N(mean, variance·I) over every weight; default mean 0, variance 10
 * @param noise                    linear models: the noise variance σ², known or (default) unknown with a
 *                                 prior worth {@code strength} examples
 * @param forgettingHalfLifeMillis exponential forgetting: evidence of this age (event time) counts half; none when absent
 * @param driftPerSecond           random-walk drift of the weights (variance per second); none when absent
 * @param batch                    examples per block update (default {@value #DEFAULT_BATCH})
 * @param newtonIterations         Laplace: the most Newton steps per batch (default {@value #DEFAULT_NEWTON_ITERATIONS})
 * @param flushAfterMillis         a batch not yet full is learned once stream time is this far past its first
 *                                 example's record timestamp (default: {@code learning.flushAfterMillis})
 */
public record ModelConfig(String type, Integer features, Integer classes, Boolean bias, String covariance, Integer rank,
                          String inference, PriorSettings prior, NoiseSettings noise, Long forgettingHalfLifeMillis, Double driftPerSecond,
                          Integer batch, Integer newtonIterations, Long flushAfterMillis) {

    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_NEWTON_ITERATIONS = 30;
    public static final double DEFAULT_PRIOR_VARIANCE = 10;
    /** The largest feature dimension a model may have (a dense D = 4,096 precision is 128 MB). */
    public static final int MAX_FEATURES = 4_096;
    /** The largest rank of a low-rank precision (each batch eigen-decomposes a (rank + batch·K)² Gram matrix). */
    public static final int MAX_RANK = 512;
    private static final Map<String, ModelKind> TYPES = Map.of("linear", ModelKind.LINEAR, "logistic", ModelKind.LOGISTIC,
            "softmax", ModelKind.SOFTMAX);
    private static final Map<String, CovarianceForm> FORMS = Map.of("dense", CovarianceForm.DENSE, "diagonal",
            CovarianceForm.DIAGONAL, "low-rank", CovarianceForm.LOW_RANK);
    private static final Map<String, Inference> INFERENCES = Map.of("exact", Inference.EXACT, "laplace", Inference.LAPLACE,
            "adf", Inference.ADF);

    /** The prior N(mean, variance) of every weight. */
    public record PriorSettings(Double mean, Double variance) {
    }

    /**
     * The observation noise of a linear model.
     *
     * @param variance σ² (known), or the prior guess of σ² (unknown)
     * @param known    true for a fixed σ²; default false (the Normal-Inverse-Gamma model)
     * @param strength unknown noise: how many examples the guess is worth (default 2)
     */
    public record NoiseSettings(Double variance, Boolean known, Double strength) {
    }

    void validate(String path, Problems problems) {
        if (!problems.requirePresent(path + ".type", type) || !problems.requirePresent(path + ".features", features)) {
            return;
        }
        ModelKind kind = TYPES.get(type);
        if (kind == null) {
            problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES.keySet()));
            return;
        }
        if (features < 1 || features > MAX_FEATURES) {
            problems.add(path + ".features", "is " + features + ", must be between 1 and " + MAX_FEATURES);
        }
        if (kind == ModelKind.SOFTMAX ? classes == null || classes < 2 : classes != null) {
            problems.add(path + ".classes", kind == ModelKind.SOFTMAX ? "must be at least 2 for a softmax model, is " + classes
                    : "is for softmax models only");
        }
        if (covariance != null && !FORMS.containsKey(covariance)) {
            problems.add(path + ".covariance", "is '" + covariance + "', expected one of " + Sorted.of(FORMS.keySet()));
        }
        if (inference != null && !INFERENCES.containsKey(inference)) {
            problems.add(path + ".inference", "is '" + inference + "', expected one of " + Sorted.of(INFERENCES.keySet()));
        } else if ((kind == ModelKind.LINEAR) != ("exact".equals(inferenceOrDefault(kind)))) {
            problems.add(path + ".inference", "is '" + inference + "': exact inference is for linear models, and linear models"
                    + " use it");
        }
        if (kind != ModelKind.LINEAR && noise != null) {
            problems.add(path + ".noise", "is for linear models only");
        }
        if (noise != null) {
            positive(path + ".noise.variance", noise.variance(), problems);
            positive(path + ".noise.strength", noise.strength(), problems);
        }
        if (prior != null) {
            positive(path + ".prior.variance", prior.variance(), problems);
            if (prior.mean() != null && !Double.isFinite(prior.mean())) {
                problems.add(path + ".prior.mean", "is " + prior.mean() + ", must be finite");
            }
        }
        if (forgettingHalfLifeMillis != null && forgettingHalfLifeMillis < 1) {
            problems.add(path + ".forgettingHalfLifeMillis", "is " + forgettingHalfLifeMillis + ", must be at least 1 (leave it"
                    + " out for no forgetting)");
        }
        if (driftPerSecond != null && !(driftPerSecond >= 0 && Double.isFinite(driftPerSecond))) {
            problems.add(path + ".driftPerSecond", "is " + driftPerSecond + ", must be finite and not negative");
        }
        if (batch != null && (batch < 1 || batch > 4_096)) {
            problems.add(path + ".batch", "is " + batch + ", must be between 1 and 4096");
        }
        if (flushAfterMillis != null && flushAfterMillis < 1) {
            problems.add(path + ".flushAfterMillis", "is " + flushAfterMillis + ", must be at least 1");
        }
        if (newtonIterations != null && newtonIterations < 1) {
            problems.add(path + ".newtonIterations", "is " + newtonIterations + ", must be at least 1");
        }
        if ("diagonal".equals(covariance) && kind == ModelKind.LINEAR && (noise == null || !Boolean.TRUE.equals(noise.known()))) {
            problems.add(path + ".noise.known", "must be true for a diagonal linear model (its learner needs a known noise variance)");
        }
        validateLowRank(path, kind, problems);
    }

    /** The rank of a low-rank precision, and what its learner does not offer: unknown noise, drift, ADF. */
    private void validateLowRank(String path, ModelKind kind, Problems problems) {
        if (!"low-rank".equals(covariance)) {
            if (rank != null) {
                problems.add(path + ".rank", "is " + rank + ", but a rank is for covariance low-rank only (covariance is "
                        + (covariance == null ? "dense, the default" : covariance) + ")");
            }
            return;
        }
        if (!problems.requirePresent(path + ".rank", rank)) {
            return;
        }
        if (rank < 1 || rank > MAX_RANK) {
            problems.add(path + ".rank", "is " + rank + ", must be between 1 and " + MAX_RANK);
        } else if (features >= 1 && features <= MAX_FEATURES && (kind != ModelKind.SOFTMAX || classes != null && classes >= 2)
                && rank > parameters(kind)) {
            problems.add(path + ".rank", "is " + rank + ", more than the model's " + parameters(kind)
                    + " weights (covariance dense holds them all)");
        }
        if (kind == ModelKind.LINEAR && (noise == null || !Boolean.TRUE.equals(noise.known()))) {
            problems.add(path + ".noise.known", "must be true for a low-rank linear model (its learner needs a known noise variance)");
        }
        if (driftPerSecond != null && driftPerSecond > 0) {
            problems.add(path + ".driftPerSecond", "is " + driftPerSecond + ", but covariance low-rank offers no drift (a random"
                    + " walk would fill the low-rank factor in); use forgettingHalfLifeMillis, or covariance dense or diagonal");
        }
        if ("adf".equals(inference)) {
            problems.add(path + ".inference", "is 'adf', which covariance low-rank does not offer (laplace for classifiers)");
        }
    }

    /** D, the number of weights of a model of this kind with these (valid) features, classes and bias. */
    private int parameters(ModelKind kind) {
        return ModelSpec.parameterCount(kind, features, kind == ModelKind.SOFTMAX ? classes : kind == ModelKind.LOGISTIC ? 2 : 1,
                Boolean.TRUE.equals(bias));
    }

    private static void positive(String path, Double value, Problems problems) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            problems.add(path, "is " + value + ", must be positive and finite");
        }
    }

    private String inferenceOrDefault(ModelKind kind) {
        return inference != null ? inference : kind == ModelKind.LINEAR ? "exact" : "laplace";
    }

    public int batchOrDefault() {
        return batch == null ? DEFAULT_BATCH : batch;
    }

    /** How long (stream time) a batch that is not full waits: this model's setting, else {@code learning}'s. */
    public long flushAfterMillisOr(long learningDefault) {
        return flushAfterMillis == null ? learningDefault : flushAfterMillis;
    }

    /** The kernels' model specification of these (validated) settings. */
    public ModelSpec toSpec() {
        ModelKind kind = TYPES.get(type);
        int K = kind == ModelKind.SOFTMAX ? classes : kind == ModelKind.LOGISTIC ? 2 : 1;
        boolean withBias = Boolean.TRUE.equals(bias);
        int D = parameters(kind);
        double[] mean = new double[D];
        double[] variance = new double[D];
        Arrays.fill(mean, prior == null || prior.mean() == null ? 0 : prior.mean());
        Arrays.fill(variance, prior == null || prior.variance() == null ? DEFAULT_PRIOR_VARIANCE : prior.variance());
        NoiseModel noiseModel = null;
        if (kind == ModelKind.LINEAR) {
            double sigma2 = noise == null || noise.variance() == null ? 1.0 : noise.variance();
            noiseModel = noise != null && Boolean.TRUE.equals(noise.known()) ? NoiseModel.known(sigma2)
                    : NoiseModel.unknown(sigma2, noise == null || noise.strength() == null ? 2.0 : noise.strength());
        }
        CovarianceForm form = covariance == null ? CovarianceForm.DENSE : FORMS.get(covariance);
        return new ModelSpec(kind, features, K, withBias, form, form == CovarianceForm.LOW_RANK ? rank : 0,
                INFERENCES.get(inferenceOrDefault(kind)), mean, variance, noiseModel, forgettingHalfLifeMillis == null ? 0 : forgettingHalfLifeMillis,
                driftPerSecond == null ? 0 : driftPerSecond,
                newtonIterations == null ? DEFAULT_NEWTON_ITERATIONS : newtonIterations);
    }
}
