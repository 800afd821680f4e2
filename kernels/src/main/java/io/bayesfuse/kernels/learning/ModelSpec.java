package io.bayesfuse.kernels.learning;

import java.util.Arrays;

/**
 * Everything that defines a learner's model (the topology validates the settings it is built from
 * and names them; this record only guards its own consistency).
 *
 * @param kind             linear, logistic or softmax
 * @param features         d, the length of an example's feature vector
 * @param classes          K for softmax, 2 for logistic, 1 for linear
 * @param bias             a last-layer head: a constant 1 is appended to every feature vector, so the
 *                         head's weights are d + 1 per output
 * @param covariance       dense, diagonal or low-rank
 * @param rank             r of the low-rank form (0 otherwise)
 * @param inference        exact (linear), Laplace or ADF
 * @param priorMean        the prior mean of each of the D weights
 * @param priorVariance    the prior variance of each weight (the prior is N(m, diag(v)) at the
 *                         reference noise)
 * @param noise            the linear model's observation noise (null for classifiers)
 * @param halfLifeMillis   exponential forgetting toward the prior: evidence of age Δt (event time)
 *                         counts 2^(−Δt/halfLife); 0 for none
 * @param driftPerSecond   random-walk drift of the weights: Q = q·Δt·I per Δt seconds between
 *                         batches (a Kalman prediction; in units of the reference noise for the
 *                         Normal-Inverse-Gamma model); 0 for none
 * @param newtonIterations the most Newton steps of a Laplace update
 */
public record ModelSpec(ModelKind kind, int features, int classes, boolean bias, CovarianceForm covariance, int rank,
                        Inference inference, double[] priorMean, double[] priorVariance, NoiseModel noise,
                        long halfLifeMillis, double driftPerSecond, int newtonIterations) {

    public ModelSpec {
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, got " + features);
        }
        int expectedClasses = switch (kind) {
            case LINEAR -> 1;
            case LOGISTIC -> 2;
            case SOFTMAX -> Math.max(2, classes);
        };
        if (classes != expectedClasses) {
            throw new IllegalArgumentException(kind + " has " + expectedClasses + (kind == ModelKind.SOFTMAX ? "+" : "")
                    + " classes, got " + classes);
        }
        if ((kind == ModelKind.LINEAR) != (noise != null)) {
            throw new IllegalArgumentException("a noise model is for linear models only, and they need one");
        }
        int D = parameterCount(kind, features, classes, bias);
        if (priorMean.length != D || priorVariance.length != D) {
            throw new IllegalArgumentException("the prior has " + priorMean.length + " means and " + priorVariance.length
                    + " variances for " + D + " weights");
        }
        for (double v : priorVariance) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("prior variances must be positive and finite, got " + v);
            }
        }
        if (covariance == CovarianceForm.LOW_RANK ? rank < 1 : rank != 0) {
            throw new IllegalArgumentException("rank " + rank + " does not fit covariance " + covariance);
        }
        if (halfLifeMillis < 0 || !(driftPerSecond >= 0) || newtonIterations < 1) {
            throw new IllegalArgumentException("half-life and drift must be >= 0, Newton iterations >= 1");
        }
        priorMean = priorMean.clone();
        priorVariance = priorVariance.clone();
    }

    /** D, the number of weights: (d + bias) per output, K outputs for softmax. */
    public static int parameterCount(ModelKind kind, int features, int classes, boolean bias) {
        long inputs = features + (bias ? 1 : 0);
        long D = kind == ModelKind.SOFTMAX ? inputs * classes : inputs;
        if (D > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(D + " weights are more than a learner holds");
        }
        return (int) D;
    }

    public int parameters() {
        return parameterCount(kind, features, classes, bias);
    }

    /** d + 1 with a bias, else d: the length of one output's weight block. */
    public int inputs() {
        return features + (bias ? 1 : 0);
    }

    /** K, the outputs wᵀx of the model: the classes of softmax, 1 otherwise. */
    public int outputs() {
        return kind == ModelKind.SOFTMAX ? classes : 1;
    }

    /** The features the learner sees: with a bias, x followed by 1. */
    public FeatureVector inputOf(FeatureVector x) {
        return bias ? new FeatureVector.WithBias(x) : x;
    }

    public boolean unknownNoise() {
        return noise != null && !noise.known();
    }

    /** The prior precision Λ₀ = diag(1/v), its diagonal. */
    public double[] priorPrecision() {
        double[] precision = new double[priorVariance.length];
        for (int j = 0; j < precision.length; j++) {
            precision[j] = 1.0 / priorVariance[j];
        }
        return precision;
    }

    /** The prior information η₀ = Λ₀m. */
    public double[] priorInformation() {
        double[] precision = priorPrecision();
        double[] information = new double[precision.length];
        for (int j = 0; j < information.length; j++) {
            information[j] = priorMean[j] * precision[j];
        }
        return information;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && kind == s.kind && features == s.features && classes == s.classes && bias == s.bias
                && covariance == s.covariance && rank == s.rank && inference == s.inference
                && Arrays.equals(priorMean, s.priorMean) && Arrays.equals(priorVariance, s.priorVariance)
                && java.util.Objects.equals(noise, s.noise) && halfLifeMillis == s.halfLifeMillis
                && driftPerSecond == s.driftPerSecond && newtonIterations == s.newtonIterations;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, features, classes, bias, covariance, rank, inference, Arrays.hashCode(priorMean),
                Arrays.hashCode(priorVariance), noise, halfLifeMillis, driftPerSecond);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + kind + ", d=" + features + ", K=" + classes + (bias ? ", bias" : "") + ", " + covariance
                + (rank > 0 ? " r=" + rank : "") + ", " + inference + ", noise=" + noise + ", halfLife=" + halfLifeMillis
                + " ms, drift=" + driftPerSecond + "/s]";
    }
}
