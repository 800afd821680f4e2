package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.learning.likelihood.LogisticLikelihood;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;
import io.bayesfuse.kernels.learning.likelihood.SoftmaxLikelihood;
import io.bayesfuse.kernels.learning.likelihood.TiltedMoments;

/**
 * The K outputs of an example, a = Φw with Φ = I_K ⊗ xᵀ (output k reads the k-th block of d
 * weights), shared by the learners of every covariance form: design rows, projections and the
 * predictive distribution from the outputs' moments (m, V).
 */
public final class Outputs {

    private Outputs() {
    }

    /** The likelihood of a classifier, null for a linear model (whose updates are closed-form). */
    public static OutputLikelihood likelihood(ModelSpec spec) {
        return switch (spec.kind()) {
            case LINEAR -> null;
            case LOGISTIC -> LogisticLikelihood.INSTANCE;
            case SOFTMAX -> new SoftmaxLikelihood(spec.classes());
        };
    }

    /** Z[row + k][k·d + j] += scale·xⱼ for every output k: the example's K design rows (Z has D columns). */
    public static void rows(FeatureVector x, int K, int d, double scale, double[] Z, int row, int D) {
        for (int k = 0; k < K; k++) {
            x.scatter(Z, (row + k) * D + k * d, scale);
        }
    }

    /** m ← Φμ. */
    public static void project(FeatureVector x, int K, int d, double[] mu, double[] m) {
        for (int k = 0; k < K; k++) {
            m[k] = x.dot(mu, k * d);
        }
    }

    /**
     * The noise of a linear model as the posterior sees it: the Inv-Gamma(a, b) of the scale s for
     * the Normal-Inverse-Gamma model ({@code b = c − ½ηᵀμ}), or none when σ² is known.
     */
    public record Noise(double variance, boolean known, double shape, double scale) {

        public static Noise of(ModelSpec spec, WeightPosterior posterior, double[] mean) {
            if (spec.noise() == null) {
                return null;
            }
            if (spec.noise().known()) {
                return new Noise(spec.noise().variance(), true, Double.NaN, Double.NaN);
            }
            double etaMu = 0;
            double[] eta = posterior.information();
            for (int j = 0; j < eta.length; j++) {
                etaMu += eta[j] * mean[j];
            }
            double b = posterior.noiseTerm() - 0.5 * etaMu;
            return new Noise(spec.noise().variance(), false, posterior.noiseShape(), b);
        }

        /** E[σ²]: σ² when known, σ²_ref·b/(a − 1) (a &gt; 1; the mode's σ²_ref·b/(a + 1) otherwise). */
        public double expectedVariance() {
            if (known) {
                return variance;
            }
            return variance * (shape > 1 ? scale / (shape - 1) : scale / (shape + 1));
        }

        /** ν = 2a of the Student-t predictive, +∞ when known. */
        public double degrees() {
            return known ? Double.POSITIVE_INFINITY : 2 * shape;
        }

        /**
         * The predictive of y with mean m, weight variance v = xᵀΛ⁻¹x and example weight w:
         * N(m, v + σ²/w), or t_2a(m, (b/a)(v + σ²_ref/w)).
         */
        public Prediction predictive(double m, double v, double weight) {
            if (known) {
                return Prediction.normal(m, v + variance / weight);
            }
            return Prediction.studentT(m, Math.sqrt(scale / shape * (v + variance / weight)), 2 * shape);
        }
    }

    /** A classifier's predictive class probabilities from its outputs' moments (m, V). */
    public static Prediction classify(ModelSpec spec, OutputLikelihood likelihood, double[] m, double[] V) {
        int K = spec.outputs();
        if (spec.kind() == ModelKind.LOGISTIC) {
            double p = Math.exp(TiltedMoments.of(likelihood, m, V, 1.0, 1.0).logZ());
            p = Math.min(1.0, Math.max(0.0, p));
            return Prediction.classes(ModelKind.LOGISTIC, new double[]{1 - p, p});
        }
        double[] probabilities = new double[K];
        if (K <= TiltedMoments.MAX_OUTPUTS) {
            double sum = 0;
            for (int k = 0; k < K; k++) {
                probabilities[k] = Math.exp(TiltedMoments.of(likelihood, m, V, k, 1.0).logZ());
                sum += probabilities[k];
            }
            for (int k = 0; k < K; k++) {
                probabilities[k] /= sum;   // the K integrals sum to 1 up to quadrature error
            }
        } else {
            // too many classes for quadrature: the probit-style moderation softmax(mₖ/√(1 + πVₖₖ/8))
            double[] moderated = new double[K];
            for (int k = 0; k < K; k++) {
                moderated[k] = m[k] / Math.sqrt(1 + Math.PI * V[k * K + k] / 8);
            }
            SoftmaxLikelihood.softmax(moderated, probabilities, K);
        }
        return Prediction.classes(ModelKind.SOFTMAX, probabilities);
    }
}
