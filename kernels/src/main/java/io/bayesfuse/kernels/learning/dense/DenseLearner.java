package io.bayesfuse.kernels.learning.dense;

import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.Outputs;
import io.bayesfuse.kernels.learning.PosteriorSummary;
import io.bayesfuse.kernels.learning.Prediction;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.algebra.DensePrecision;
import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.laplace.BatchLikelihood;
import io.bayesfuse.kernels.learning.laplace.LaplaceMode;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;

import java.util.Arrays;
import java.util.List;

/**
 * A learner with the full D×D precision, every update a block update on a {@link DensePrecision}
 * (the ND4J path above the crossover dimension, plain loops below):
 * <ul>
 *   <li><b>Exact</b> (Bayesian linear regression, Bishop, PRML §3.3; with unknown noise the
 *   Normal-Inverse-Gamma model, Murphy, MLPP §7.6.3): for a batch X, y with weights W,
 *   Λ ← Λ + XᵀWX/σ², η ← η + XᵀWy/σ², a ← a + n/2, c ← c + ½yᵀWy/σ² — sums, so any batch size
 *   and any order give the posterior of the whole data, and sites' posteriors multiply to it.</li>
 *   <li><b>Laplace</b> (logistic, softmax; Bishop §4.5): the posterior before the batch is the prior;
 *   Newton's method with backtracking finds the mode ŵ of log prior + Σ wᵢ log p(yᵢ | Φᵢŵ); the new
 *   precision is the negative Hessian there, Λ + Σ Φᵢᵀ(−wᵢ∇² log pᵢ)Φᵢ, and η = Λŵ. Exact for
 *   Gaussian likelihoods; for the logistic the posterior is approximated by a Gaussian at the
 *   batch's mode, so a batch's result depends on how the stream was cut into batches.</li>
 *   <li><b>ADF</b> (Opper 1998; Minka 2001 §3): example by example, p(w)·p(yᵢ | Φᵢw)^wᵢ is replaced
 *   by the Gaussian with its moments; only the outputs a = Φᵢw are non-Gaussian, so their tilted
 *   moments (m̃, Ṽ) (by quadrature) fix a Gaussian {@link Site} T = Ṽ⁻¹ − V⁻¹,
 *   ν = Ṽ⁻¹m̃ − V⁻¹m, and P ← P − U·T(I + VT)⁻¹·Uᵀ, μ ← μ + U(I + TV)⁻¹(ν − Tm) with U = PΦᵢᵀ. The
 *   sites are then added to Λ and η as one block. Order-dependent, one pass, no iteration.</li>
 * </ul>
 * Forgetting with half-life h moves Λ, η (and a, c) toward the prior's, Λ ← sΛ + (1 − s)Λ₀ with
 * s = 2^(−Δt/h) (stabilised forgetting, Kulhavý &amp; Zarrop 1993), and weighs an example of age Δt at the
 * batch's time by 2^(−Δt/h): evidence then counts by its age, however it was batched. Drift q is a
 * random walk of the weights: Λ ← (Λ⁻¹ + q·Δt·I)⁻¹ with the mean kept (the Kalman prediction).
 */
public final class DenseLearner implements OnlineLearner {

    private final ModelSpec spec;
    private final int D;
    private final int K;
    private final int d;
    private final DensePrecision lambda;
    private final OutputLikelihood likelihood;
    private final double[] priorPrecision;
    private final double[] priorInformation;
    private final double[] mean;
    private final double[] work;
    private final AssumedDensityFiltering adf;
    private double[] rows = new double[0];

    public DenseLearner(ModelSpec spec, int nd4jFromDimension) {
        this.spec = spec;
        this.D = spec.parameters();
        this.K = spec.outputs();
        this.d = spec.inputs();
        this.lambda = DensePrecision.forDimension(D, nd4jFromDimension);
        this.likelihood = Outputs.likelihood(spec);
        this.priorPrecision = spec.priorPrecision();
        this.priorInformation = spec.priorInformation();
        this.adf = new AssumedDensityFiltering(spec, likelihood);
        this.mean = new double[D];
        this.work = new double[D];
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** Whether the ND4J path serves this learner. */
    public boolean usesNd4j() {
        return lambda instanceof io.bayesfuse.kernels.learning.algebra.Nd4jPrecision;
    }

    @Override
    public Calibration learn(WeightPosterior posterior, List<LabelledExample> batch) {
        long t = OnlineLearner.batchTime(posterior, batch);
        lambda.setPacked(posterior.precision());
        advance(posterior, t);
        requireFactor("the posterior before the batch");
        lambda.solve(posterior.information(), mean);
        Calibration scores = evaluate(posterior, batch);
        switch (spec.inference()) {
            case EXACT -> exact(posterior, batch, t);
            case LAPLACE -> laplace(posterior, batch, t);
            case ADF -> adf.update(lambda, posterior, batch, t, mean, rows(batch.size() * K));
        }
        requireFactor("the posterior after the batch");
        lambda.getPacked(posterior.precision());
        posterior.setTime(t);
        posterior.countBatch(batch.size());
        return scores;
    }

    private void requireFactor(String what) {
        if (!lambda.factor()) {
            throw new LearningFailedException(what + " has a precision that is not positive definite (" + spec + ")");
        }
    }

    /** Forgetting and drift over the gap from the posterior's time to t; Λ is in the workspace. */
    private void advance(WeightPosterior posterior, long t) {
        if (posterior.time() == WeightPosterior.NO_TIME || t <= posterior.time()) {
            return;
        }
        long dt = t - posterior.time();
        double[] eta = posterior.information();
        if (spec.driftPerSecond() > 0) {
            requireFactor("the posterior before drift");
            lambda.solve(eta, mean);
            double b = posterior.noiseTerm() - 0.5 * dot(eta, mean);
            if (!lambda.invert()) {
                throw new LearningFailedException("the posterior before drift cannot be inverted (" + spec + ")");
            }
            Arrays.fill(work, spec.driftPerSecond() * dt / 1000.0);
            lambda.addDiagonal(work);
            if (!lambda.invert()) {
                throw new LearningFailedException("the drifted covariance cannot be inverted (" + spec + ")");
            }
            lambda.multiply(mean, eta);
            if (spec.unknownNoise()) {
                posterior.setNoise(posterior.noiseShape(), b + 0.5 * dot(eta, mean));
            }
        }
        if (spec.halfLifeMillis() > 0) {
            double s = OnlineLearner.retained(dt, spec.halfLifeMillis());
            lambda.scale(s);
            for (int j = 0; j < D; j++) {
                work[j] = (1 - s) * priorPrecision[j];
                eta[j] = s * eta[j] + (1 - s) * priorInformation[j];
            }
            lambda.addDiagonal(work);
            if (spec.unknownNoise()) {
                posterior.setNoise(s * posterior.noiseShape() + (1 - s) * WeightPosterior.priorNoiseShape(spec),
                        s * posterior.noiseTerm() + (1 - s) * WeightPosterior.priorNoiseTerm(spec));
            }
        }
    }

    /** Scores every example by the predictive of the posterior whose factor and mean are current. */
    private Calibration evaluate(WeightPosterior posterior, List<LabelledExample> batch) {
        Calibration scores = new Calibration();
        int n = batch.size();
        double[] Z = rows(n * K);
        for (int i = 0; i < n; i++) {
            Outputs.rows(spec.inputOf(batch.get(i).x()), K, d, 1.0, Z, i * K, D);
        }
        lambda.whiten(Z, n * K);
        Outputs.Noise noise = Outputs.Noise.of(spec, posterior, mean);
        double[] m = new double[K];
        double[] V = new double[K * K];
        for (int i = 0; i < n; i++) {
            LabelledExample e = batch.get(i);
            Outputs.project(spec.inputOf(e.x()), K, d, mean, m);
            gram(Z, i * K, V);
            Prediction prediction = noise != null ? noise.predictive(m[0], V[0], e.weight())
                    : Outputs.classify(spec, likelihood, m, V);
            scores.add(prediction, e.target());
        }
        return scores;
    }

    /** V = WWᵀ for the K whitened rows of one example from {@code row}. */
    private void gram(double[] W, int row, double[] V) {
        for (int k = 0; k < K; k++) {
            for (int l = 0; l <= k; l++) {
                double sum = 0;
                int a = (row + k) * D;
                int b = (row + l) * D;
                for (int j = 0; j < D; j++) {
                    sum += W[a + j] * W[b + j];
                }
                V[k * K + l] = sum;
                V[l * K + k] = sum;
            }
        }
    }

    /** The conjugate update (Λ is the advanced prior in the workspace). */
    private void exact(WeightPosterior posterior, List<LabelledExample> batch, long t) {
        int n = batch.size();
        double sigma2 = spec.noise().variance();
        double[] Z = rows(n);
        double[] eta = posterior.information();
        double shape = 0;
        double term = 0;
        for (int i = 0; i < n; i++) {
            LabelledExample e = batch.get(i);
            double rho = OnlineLearner.retained(t - e.time(), spec.halfLifeMillis());
            double precision = rho * e.weight() / sigma2;
            FeatureVector x = spec.inputOf(e.x());
            x.scatter(Z, i * D, Math.sqrt(precision));
            x.scatter(eta, 0, precision * e.target());
            shape += 0.5 * rho;
            term += 0.5 * precision * e.target() * e.target();
        }
        lambda.addGram(Z, n);
        if (spec.unknownNoise()) {
            posterior.setNoise(posterior.noiseShape() + shape, posterior.noiseTerm() + term);
        }
    }

    /** The Laplace update: Newton's method for the batch's mode, then the Hessian there. {@code mean} is the prior's mean. */
    private void laplace(WeightPosterior posterior, List<LabelledExample> batch, long t) {
        double[] priorPacked = posterior.precision();
        lambda.getPacked(priorPacked);   // the advanced Λ is the prior of the batch
        BatchLikelihood likelihoods = new BatchLikelihood(spec, likelihood, batch, t);
        double[] w = LaplaceMode.find(new DenseForm(priorPacked), mean, posterior.information().clone(), likelihoods,
                spec.newtonIterations());
        // the precision at the mode, and η = Λŵ
        lambda.setPacked(priorPacked);
        double[] Z = rows(likelihoods.rowCount());
        likelihoods.curvatureRows(w, new double[D], Z);
        lambda.addGram(Z, likelihoods.rowCount());
        lambda.multiply(w, posterior.information());
    }

    /** Newton's method on the workspace: Λ₀ is the packed prior, the Hessian Λ₀ + ZᵀZ a block update of it. */
    private final class DenseForm implements LaplaceMode.Form {

        private final double[] priorPacked;

        DenseForm(double[] priorPacked) {
            this.priorPacked = priorPacked;
        }

        @Override
        public double[] priorTimes(double[] w) {
            double[] out = new double[D];
            lambda.setPacked(priorPacked);
            lambda.multiply(w, out);
            return out;
        }

        @Override
        public double[] rows(int count) {
            return DenseLearner.this.rows(count);
        }

        @Override
        public LaplaceMode.Step step(double[] Z, int count, double[] gradient) {
            lambda.setPacked(priorPacked);
            lambda.addGram(Z, count);
            requireFactor("the Laplace update's Hessian");
            double[] step = new double[D];
            lambda.solve(gradient, step);
            return new LaplaceMode.Step(step, priorTimes(step, gradient, Z, count));
        }

        /** Λ₀·step from H·step = gradient: gradient − Zᵀ(Z·step). */
        private double[] priorTimes(double[] step, double[] gradient, double[] Z, int rowCount) {
            double[] out = gradient.clone();
            for (int r = 0; r < rowCount; r++) {
                double zs = 0;
                int row = r * D;
                for (int j = 0; j < D; j++) {
                    zs += Z[row + j] * step[j];
                }
                if (zs != 0) {
                    for (int j = 0; j < D; j++) {
                        out[j] -= zs * Z[row + j];
                    }
                }
            }
            return out;
        }
    }

    @Override
    public Prediction predict(WeightPosterior posterior, FeatureVector x) {
        lambda.setPacked(posterior.precision());
        requireFactor("the posterior");
        lambda.solve(posterior.information(), mean);
        double[] Z = rows(K);
        FeatureVector input = spec.inputOf(x);
        Outputs.rows(input, K, d, 1.0, Z, 0, D);
        lambda.whiten(Z, K);
        double[] m = new double[K];
        double[] V = new double[K * K];
        Outputs.project(input, K, d, mean, m);
        gram(Z, 0, V);
        Outputs.Noise noise = Outputs.Noise.of(spec, posterior, mean);
        return noise != null ? noise.predictive(m[0], V[0], 1.0) : Outputs.classify(spec, likelihood, m, V);
    }

    @Override
    public PosteriorSummary summarise(WeightPosterior posterior, int sdLimit) {
        lambda.setPacked(posterior.precision());
        requireFactor("the posterior");
        lambda.solve(posterior.information(), mean);
        int shown = Math.min(sdLimit, D);
        double[] Z = rows(shown);
        for (int j = 0; j < shown; j++) {
            Z[j * D + j] = 1;
        }
        lambda.whiten(Z, shown);
        Outputs.Noise noise = Outputs.Noise.of(spec, posterior, mean);
        // the Student-t marginal's variance for unknown noise: E[s]·(Λ⁻¹)ⱼⱼ
        double factor = noise == null || noise.known() ? 1.0 : noise.expectedVariance() / noise.variance();
        double[] sd = new double[shown];
        for (int j = 0; j < shown; j++) {
            double sum = 0;
            for (int c = 0; c < D; c++) {
                sum += Z[j * D + c] * Z[j * D + c];
            }
            sd[j] = Math.sqrt(factor * sum);
        }
        return new PosteriorSummary(mean.clone(), sd, noise == null ? Double.NaN : noise.expectedVariance(),
                noise == null ? Double.NaN : noise.degrees());
    }

    /** A zeroed row-major buffer of {@code count} rows of D. */
    private double[] rows(int count) {
        int length = Math.multiplyExact(count, D);
        if (rows.length < length) {
            rows = new double[length];
        } else {
            Arrays.fill(rows, 0, length, 0.0);
        }
        return rows;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public void close() {
        lambda.close();
    }
}
