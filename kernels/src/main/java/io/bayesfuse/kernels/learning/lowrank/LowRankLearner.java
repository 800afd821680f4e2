package io.bayesfuse.kernels.learning.lowrank;

import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.Inference;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.Outputs;
import io.bayesfuse.kernels.learning.PosteriorSummary;
import io.bayesfuse.kernels.learning.Prediction;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.laplace.BatchLikelihood;
import io.bayesfuse.kernels.learning.laplace.LaplaceMode;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;

import java.util.List;

/**
 * A learner whose precision is a diagonal plus a rank-r factor, Λ = diag(δ) + VVᵀ, for more weights
 * than a dense D×D precision allows: memory O(D·r), a batch of m design rows costs O(D·(r + m)²).
 * <ul>
 *   <li><b>Exact</b> (linear, known noise): the batch's rows join the factor, Λ = diag(δ) + BBᵀ with
 *   B = [V | Zᵀ], which is the exact posterior; it is then compressed back to rank r
 *   ({@link LowRankPrecision#compress}), the approximation.</li>
 *   <li><b>Laplace</b> (logistic, softmax): Newton's method with the Hessian diag(δ) + [V | Zᵀ][V | Zᵀ]ᵀ,
 *   solved by Woodbury; at the mode the same compression.</li>
 * </ul>
 * The mean is μ = Λ⁻¹η of the compressed precision (η is kept exactly for the linear model; after a
 * Laplace update η = Λŵ, so μ is the mode). Forgetting scales V by √s and moves δ and η toward the
 * prior; drift, which would fill the factor in, is not offered in this form.
 */
public final class LowRankLearner implements OnlineLearner {

    private final ModelSpec spec;
    private final int D;
    private final int K;
    private final int d;
    private final int r;
    private final boolean nd4j;
    private final OutputLikelihood likelihood;
    private final double[] priorPrecision;
    private final double[] priorInformation;

    public LowRankLearner(ModelSpec spec, int nd4jFromDimension) {
        if (spec.unknownNoise() || spec.driftPerSecond() > 0 || spec.inference() == Inference.ADF) {
            throw new IllegalArgumentException("a low-rank learner takes known noise, no drift, exact or Laplace updates: " + spec);
        }
        this.spec = spec;
        this.D = spec.parameters();
        this.K = spec.outputs();
        this.d = spec.inputs();
        this.r = spec.rank();
        this.nd4j = D >= nd4jFromDimension;
        this.likelihood = Outputs.likelihood(spec);
        this.priorPrecision = spec.priorPrecision();
        this.priorInformation = spec.priorInformation();
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    private double[] delta(WeightPosterior posterior) {
        double[] delta = new double[D];
        System.arraycopy(posterior.precision(), 0, delta, 0, D);
        return delta;
    }

    private double[] factor(WeightPosterior posterior) {
        double[] V = new double[D * r];
        System.arraycopy(posterior.precision(), D, V, 0, D * r);
        return V;
    }

    @Override
    public Calibration learn(WeightPosterior posterior, List<LabelledExample> batch) {
        long t = OnlineLearner.batchTime(posterior, batch);
        advance(posterior, t);
        double[] delta = delta(posterior);
        double[] V = factor(posterior);
        LowRankPrecision before = new LowRankPrecision(delta, V, D, r);
        double[] mu = before.solve(posterior.information());
        Calibration scores = new Calibration();
        for (LabelledExample e : batch) {
            scores.add(predictive(before, mu, spec.inputOf(e.x()), e.weight()), e.target());
        }
        int n = batch.size();
        BatchLikelihood likelihoods = new BatchLikelihood(spec, likelihood, batch, t);
        double[] compressed;
        if (spec.inference() == Inference.EXACT) {
            double sigma2 = spec.noise().variance();
            double[] rows = new double[n * D];
            double[] eta = posterior.information();
            for (int i = 0; i < n; i++) {
                LabelledExample e = batch.get(i);
                double precision = likelihoods.weight(i) / sigma2;
                FeatureVector x = spec.inputOf(e.x());
                x.scatter(rows, i * D, Math.sqrt(precision));
                x.scatter(eta, 0, precision * e.target());
            }
            compressed = LowRankPrecision.compress(delta, join(V, rows, n), D, r + n, r, nd4j);
        } else {
            double[] w = LaplaceMode.find(new LowRankForm(delta, V, before), mu, posterior.information(), likelihoods,
                    spec.newtonIterations());
            int m = likelihoods.rowCount();
            double[] rows = new double[m * D];
            likelihoods.curvatureRows(w, new double[D], rows);
            compressed = LowRankPrecision.compress(delta, join(V, rows, m), D, r + m, r, nd4j);
            LowRankPrecision after = new LowRankPrecision(slice(compressed, 0, D), slice(compressed, D, D * r), D, r);
            System.arraycopy(after.multiply(w), 0, posterior.information(), 0, D);
        }
        for (double v : compressed) {
            if (!Double.isFinite(v)) {
                throw new LearningFailedException("the compressed precision is not finite (" + spec + ")");
            }
        }
        System.arraycopy(compressed, 0, posterior.precision(), 0, compressed.length);
        posterior.setTime(t);
        posterior.countBatch(n);
        return scores;
    }

    private void advance(WeightPosterior posterior, long t) {
        if (posterior.time() == WeightPosterior.NO_TIME || t <= posterior.time() || spec.halfLifeMillis() <= 0) {
            return;
        }
        double s = OnlineLearner.retained(t - posterior.time(), spec.halfLifeMillis());
        double[] precision = posterior.precision();
        double[] eta = posterior.information();
        double root = Math.sqrt(s);
        for (int j = 0; j < D; j++) {
            precision[j] = s * precision[j] + (1 - s) * priorPrecision[j];
            eta[j] = s * eta[j] + (1 - s) * priorInformation[j];
        }
        for (int k = D; k < precision.length; k++) {
            precision[k] *= root;
        }
    }

    /** B = [V | Zᵀ] (D × (r + m), row-major) from V (D×r) and the m rows of Z (m×D). */
    private double[] join(double[] V, double[] Z, int m) {
        int p = r + m;
        double[] B = new double[D * p];
        for (int j = 0; j < D; j++) {
            System.arraycopy(V, j * r, B, j * p, r);
            for (int i = 0; i < m; i++) {
                B[j * p + r + i] = Z[i * D + j];
            }
        }
        return B;
    }

    /** Newton's method with Λ₀ = diag(δ) + VVᵀ: the Hessian Λ₀ + ZᵀZ = diag(δ) + [V | Zᵀ][V | Zᵀ]ᵀ, solved by Woodbury. */
    private final class LowRankForm implements LaplaceMode.Form {

        private final double[] delta;
        private final double[] V;
        private final LowRankPrecision prior;

        LowRankForm(double[] delta, double[] V, LowRankPrecision prior) {
            this.delta = delta;
            this.V = V;
            this.prior = prior;
        }

        @Override
        public double[] priorTimes(double[] w) {
            return prior.multiply(w);
        }

        @Override
        public double[] rows(int count) {
            return new double[count * D];
        }

        @Override
        public LaplaceMode.Step step(double[] Z, int count, double[] gradient) {
            LowRankPrecision hessian = new LowRankPrecision(delta, join(V, Z, count), D, r + count);
            double[] step = hessian.solve(gradient);
            return new LaplaceMode.Step(step, prior.multiply(step));
        }
    }

    /** The outputs' moments m = Φμ, Vₖₗ = zₖᵀΛ⁻¹zₗ (zₖ = eₖ ⊗ x), then the predictive. */
    private Prediction predictive(LowRankPrecision precision, double[] mu, FeatureVector x, double weight) {
        int nnz = countEntries(x);
        int[] indices = new int[nnz];
        double[] values = new double[nnz];
        int[] next = {0};
        x.forEach((j, v) -> {
            indices[next[0]] = j;
            values[next[0]] = v;
            next[0]++;
        });
        double[] m = new double[K];
        Outputs.project(x, K, d, mu, m);
        double[][] h = new double[K][];
        double[] diagonalPart = new double[K];
        int[] shifted = new int[nnz];
        for (int k = 0; k < K; k++) {
            for (int i = 0; i < nnz; i++) {
                shifted[i] = k * d + indices[i];
            }
            h[k] = precision.reduce(shifted, values, nnz);
            double sum = 0;
            for (int i = 0; i < nnz; i++) {
                sum += values[i] * values[i] / precision.diagonal(shifted[i]);
            }
            diagonalPart[k] = sum;
        }
        double[] V = new double[K * K];
        for (int k = 0; k < K; k++) {
            for (int l = 0; l < K; l++) {
                double cross = 0;
                for (int c = 0; c < h[k].length; c++) {
                    cross += h[k][c] * h[l][c];
                }
                // different classes' rows do not overlap: their Δ⁻¹ term is zero
                V[k * K + l] = (k == l ? diagonalPart[k] : 0) - cross;
            }
        }
        if (likelihood == null) {
            return Prediction.normal(m[0], V[0] + spec.noise().variance() / weight);
        }
        return Outputs.classify(spec, likelihood, m, V);
    }

    private static int countEntries(FeatureVector x) {
        int[] count = {0};
        x.forEach((j, v) -> count[0]++);
        return count[0];
    }

    @Override
    public Prediction predict(WeightPosterior posterior, FeatureVector x) {
        LowRankPrecision precision = new LowRankPrecision(delta(posterior), factor(posterior), D, r);
        return predictive(precision, precision.solve(posterior.information()), spec.inputOf(x), 1.0);
    }

    @Override
    public PosteriorSummary summarise(WeightPosterior posterior, int sdLimit) {
        LowRankPrecision precision = new LowRankPrecision(delta(posterior), factor(posterior), D, r);
        double[] variances = precision.marginalVariances(Math.min(sdLimit, D));
        double[] sd = new double[variances.length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = Math.sqrt(variances[j]);
        }
        boolean linear = likelihood == null;
        return new PosteriorSummary(precision.solve(posterior.information()), sd, linear ? spec.noise().variance() : Double.NaN,
                linear ? Double.POSITIVE_INFINITY : Double.NaN);
    }

    /** The marginal variances of every weight (the diagonal of Λ⁻¹): what this form publishes. */
    public double[] marginalVariances(WeightPosterior posterior) {
        return new LowRankPrecision(delta(posterior), factor(posterior), D, r).marginalVariances(D);
    }

    /** The posterior mean Λ⁻¹η. */
    public double[] mean(WeightPosterior posterior) {
        return new LowRankPrecision(delta(posterior), factor(posterior), D, r).solve(posterior.information());
    }

    private static double[] slice(double[] a, int from, int length) {
        double[] out = new double[length];
        System.arraycopy(a, from, out, 0, length);
        return out;
    }

    @Override
    public void close() {
        // heap arrays only
    }
}
