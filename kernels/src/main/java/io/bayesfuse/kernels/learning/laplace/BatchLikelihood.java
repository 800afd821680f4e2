package io.bayesfuse.kernels.learning.laplace;

import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.Outputs;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;

import java.util.List;

/**
 * A batch's weighted log-likelihood Σ wᵢ log p(yᵢ | Φᵢw) as a function of the weights w, with its
 * gradient and curvature (Bishop, PRML §4.5). Example i counts wᵢ = its weight × 2^(−age/half-life),
 * its age taken at the batch's time t.
 */
public final class BatchLikelihood {

    private final ModelSpec spec;
    private final OutputLikelihood likelihood;
    private final List<LabelledExample> batch;
    private final double[] weights;
    private final int D;
    private final int K;
    private final int d;

    public BatchLikelihood(ModelSpec spec, OutputLikelihood likelihood, List<LabelledExample> batch, long t) {
        this.spec = spec;
        this.likelihood = likelihood;
        this.batch = batch;
        this.D = spec.parameters();
        this.K = spec.outputs();
        this.d = spec.inputs();
        this.weights = new double[batch.size()];
        for (int i = 0; i < weights.length; i++) {
            LabelledExample e = batch.get(i);
            weights[i] = OnlineLearner.retained(t - e.time(), spec.halfLifeMillis()) * e.weight();
        }
    }

    /** wᵢ, the weight example i counts with. */
    public double weight(int i) {
        return weights[i];
    }

    /** The number of curvature rows, K per example. */
    public int rowCount() {
        return batch.size() * K;
    }

    /** Σ wᵢ log p(yᵢ | Φᵢw). */
    public double logLikelihood(double[] w) {
        double value = 0;
        double[] a = new double[K];
        for (int i = 0; i < batch.size(); i++) {
            LabelledExample e = batch.get(i);
            Outputs.project(spec.inputOf(e.x()), K, d, w, a);
            value += weights[i] * likelihood.logLikelihood(a, e.target());
        }
        return value;
    }

    /**
     * Writes into {@code Z} (zeroed, {@link #rowCount()} rows of D, row-major) the K rows per example
     * whose Gram matrix is the curvature Σ Φᵢᵀ(−wᵢ∇² log pᵢ)Φᵢ at w, and adds each example's gradient
     * Φᵢᵀ·wᵢ∇ log pᵢ to {@code gradient}.
     */
    public void curvatureRows(double[] w, double[] gradient, double[] Z) {
        double[] a = new double[K];
        double[] g = new double[K];
        double[] root = new double[K * K];
        for (int i = 0; i < batch.size(); i++) {
            LabelledExample e = batch.get(i);
            FeatureVector x = spec.inputOf(e.x());
            Outputs.project(x, K, d, w, a);
            likelihood.gradientAndCurvature(a, e.target(), weights[i], g, root);
            for (int k = 0; k < K; k++) {
                x.scatter(gradient, k * d, g[k]);
                for (int c = 0; c < K; c++) {
                    double r = root[k * K + c];
                    if (r != 0) {
                        x.scatter(Z, (i * K + c) * D + k * d, r);
                    }
                }
            }
        }
    }
}
