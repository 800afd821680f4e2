package io.bayesfuse.kernels.learning.diagonal;

import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.Outputs;
import io.bayesfuse.kernels.learning.PosteriorSummary;
import io.bayesfuse.kernels.learning.Prediction;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;
import io.bayesfuse.kernels.learning.likelihood.TiltedMoments;

import java.util.List;

/**
 * A learner that keeps each weight's marginal only — a fully factorised Gaussian, O(nnz(x)·K) per
 * example, for any number of weights — by assumed-density filtering (Opper 1998): example by
 * example, the factorised posterior times the example's likelihood is replaced by the factorised
 * Gaussian with the same marginal means and variances. The outputs a = Φw have mean m = Φμ and,
 * the blocks of the classes being independent, a diagonal covariance Vₖₖ = Σⱼ Pₖⱼxⱼ²; their tilted
 * moments (m̃, Ṽ) — closed-form for the linear model's Gaussian likelihood, by quadrature for the
 * classifiers — give each weight's new marginal:
 * <pre>
 * μₖⱼ ← μₖⱼ + Pₖⱼxⱼ·(m̃ₖ − mₖ)/Vₖₖ        Pₖⱼ ← Pₖⱼ + (Pₖⱼxⱼ)²·(Ṽₖₖ − Vₖₖ)/Vₖₖ²
 * </pre>
 * The approximation ignores the correlations the data induce between weights: it is exact only
 * for features that never occur together. Order-dependent. The linear model needs a known noise
 * variance here. Forgetting and drift act on each marginal as in the dense form.
 */
public final class DiagonalLearner implements OnlineLearner {

    private final ModelSpec spec;
    private final int D;
    private final int K;
    private final int d;
    private final OutputLikelihood likelihood;
    private final double[] priorPrecision;
    private final double[] priorInformation;

    public DiagonalLearner(ModelSpec spec) {
        if (spec.kind() == ModelKind.LINEAR && spec.unknownNoise()) {
            throw new IllegalArgumentException("a diagonal linear learner needs a known noise variance");
        }
        this.spec = spec;
        this.D = spec.parameters();
        this.K = spec.outputs();
        this.d = spec.inputs();
        this.likelihood = Outputs.likelihood(spec);
        this.priorPrecision = spec.priorPrecision();
        this.priorInformation = spec.priorInformation();
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Calibration learn(WeightPosterior posterior, List<LabelledExample> batch) {
        long t = OnlineLearner.batchTime(posterior, batch);
        advance(posterior, t);
        double[] lambda = posterior.precision();
        double[] eta = posterior.information();
        double[] mu = new double[D];
        double[] P = new double[D];
        for (int j = 0; j < D; j++) {
            P[j] = 1.0 / lambda[j];
            mu[j] = eta[j] * P[j];
        }
        Calibration scores = new Calibration();
        for (LabelledExample e : batch) {
            scores.add(predictive(mu, P, spec.inputOf(e.x()), e.weight()), e.target());
        }
        double[] m = new double[K];
        double[] V = new double[K * K];
        for (LabelledExample e : batch) {
            FeatureVector x = spec.inputOf(e.x());
            double weight = OnlineLearner.retained(t - e.time(), spec.halfLifeMillis()) * e.weight();
            moments(x, mu, P, m, V);
            double[] tiltedMean;
            double[] tiltedVariance = new double[K];
            if (likelihood == null) {
                // y ~ N(a, σ²/w): the tilted distribution is Gaussian
                double v = V[0];
                double noise = spec.noise().variance() / weight;
                double vt = 1.0 / (1.0 / v + 1.0 / noise);
                tiltedMean = new double[]{vt * (m[0] / v + e.target() / noise)};
                tiltedVariance[0] = vt;
            } else {
                TiltedMoments.Result tilted = TiltedMoments.of(likelihood, m, V, e.target(), weight);
                tiltedMean = tilted.mean();
                for (int k = 0; k < K; k++) {
                    tiltedVariance[k] = tilted.covariance()[k * K + k];
                }
            }
            for (int k = 0; k < K; k++) {
                double vk = V[k * K + k];
                double shift = (tiltedMean[k] - m[k]) / vk;
                double shrink = (tiltedVariance[k] - vk) / (vk * vk);
                int block = k * d;
                x.forEach((j, xj) -> {
                    double u = P[block + j] * xj;
                    mu[block + j] += u * shift;
                    P[block + j] += u * u * shrink;
                });
            }
        }
        for (int j = 0; j < D; j++) {
            if (!(P[j] > 0) || !Double.isFinite(P[j]) || !Double.isFinite(mu[j])) {
                throw new LearningFailedException("weight " + j + " has variance " + P[j] + " and mean " + mu[j] + " (" + spec + ")");
            }
            lambda[j] = 1.0 / P[j];
            eta[j] = mu[j] * lambda[j];
        }
        posterior.setTime(t);
        posterior.countBatch(batch.size());
        return scores;
    }

    private void advance(WeightPosterior posterior, long t) {
        if (posterior.time() == WeightPosterior.NO_TIME || t <= posterior.time()) {
            return;
        }
        long dt = t - posterior.time();
        double[] lambda = posterior.precision();
        double[] eta = posterior.information();
        if (spec.driftPerSecond() > 0) {
            double q = spec.driftPerSecond() * dt / 1000.0;
            for (int j = 0; j < D; j++) {
                double mu = eta[j] / lambda[j];
                lambda[j] = 1.0 / (1.0 / lambda[j] + q);
                eta[j] = mu * lambda[j];
            }
        }
        if (spec.halfLifeMillis() > 0) {
            double s = OnlineLearner.retained(dt, spec.halfLifeMillis());
            for (int j = 0; j < D; j++) {
                lambda[j] = s * lambda[j] + (1 - s) * priorPrecision[j];
                eta[j] = s * eta[j] + (1 - s) * priorInformation[j];
            }
        }
    }

    /** m = Φμ and the diagonal V of the outputs under the factorised posterior (mean μ, variances P). */
    private void moments(FeatureVector x, double[] mu, double[] P, double[] m, double[] V) {
        java.util.Arrays.fill(V, 0);
        for (int k = 0; k < K; k++) {
            m[k] = x.dot(mu, k * d);
            V[k * K + k] = x.weightedSquares(P, k * d);
        }
    }

    private Prediction predictive(double[] mu, double[] P, FeatureVector x, double weight) {
        double[] m = new double[K];
        double[] V = new double[K * K];
        moments(x, mu, P, m, V);
        if (likelihood == null) {
            return Prediction.normal(m[0], V[0] + spec.noise().variance() / weight);
        }
        return Outputs.classify(spec, likelihood, m, V);
    }

    @Override
    public Prediction predict(WeightPosterior posterior, FeatureVector x) {
        double[] mu = new double[D];
        double[] P = new double[D];
        marginals(posterior, mu, P);
        return predictive(mu, P, spec.inputOf(x), 1.0);
    }

    @Override
    public PosteriorSummary summarise(WeightPosterior posterior, int sdLimit) {
        double[] mu = new double[D];
        double[] P = new double[D];
        marginals(posterior, mu, P);
        double[] sd = new double[Math.min(sdLimit, D)];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = Math.sqrt(P[j]);
        }
        boolean linear = spec.kind() == ModelKind.LINEAR;
        return new PosteriorSummary(mu, sd, linear ? spec.noise().variance() : Double.NaN,
                linear ? Double.POSITIVE_INFINITY : Double.NaN);
    }

    private void marginals(WeightPosterior posterior, double[] mu, double[] P) {
        for (int j = 0; j < D; j++) {
            P[j] = 1.0 / posterior.precision()[j];
            mu[j] = posterior.information()[j] * P[j];
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
