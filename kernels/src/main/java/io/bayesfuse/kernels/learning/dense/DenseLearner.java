package io.bayesfuse.kernels.learning.dense;

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
import io.bayesfuse.kernels.learning.algebra.DensePrecision;
import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;
import io.bayesfuse.kernels.learning.likelihood.SmallSymmetric;
import io.bayesfuse.kernels.learning.likelihood.TiltedMoments;

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
 *   moments (m̃, Ṽ) (by quadrature, {@link TiltedMoments}) fix a Gaussian site T = Ṽ⁻¹ − V⁻¹,
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
    private double[] rows = new double[0];

    public DenseLearner(ModelSpec spec, int nd4jFromDimension) {
        this.spec = spec;
        this.D = spec.parameters();
        this.K = spec.outputs();
        this.d = spec.inputs();
        this.lambda = DensePrecision.forDimension(D, nd4jFromDimension);
        this.likelihood = Outputs.likelihood(spec);
        this.priorPrecision = new double[D];
        this.priorInformation = new double[D];
        for (int j = 0; j < D; j++) {
            priorPrecision[j] = 1.0 / spec.priorVariance()[j];
            priorInformation[j] = spec.priorMean()[j] * priorPrecision[j];
        }
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
            case ADF -> adf(posterior, batch, t);
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

    /** Newton's method for the batch's mode, then the Hessian there. {@code mean} is the prior's mean. */
    private void laplace(WeightPosterior posterior, List<LabelledExample> batch, long t) {
        int n = batch.size();
        double[] priorPacked = posterior.precision();
        lambda.getPacked(priorPacked);   // the advanced Λ is the prior of the batch
        double[] priorEta = posterior.information().clone();
        double[] w = mean.clone();
        double[] Lw = new double[D];
        double[] gradient = new double[D];
        double[] step = new double[D];
        double[] candidate = new double[D];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            LabelledExample e = batch.get(i);
            weights[i] = OnlineLearner.retained(t - e.time(), spec.halfLifeMillis()) * e.weight();
        }
        double current = Double.NaN;
        for (int iteration = 0; iteration < spec.newtonIterations(); iteration++) {
            lambda.setPacked(priorPacked);
            lambda.multiply(w, Lw);
            if (Double.isNaN(current)) {
                current = objective(w, Lw, priorEta, batch, weights);
            }
            for (int j = 0; j < D; j++) {
                gradient[j] = priorEta[j] - Lw[j];
            }
            double[] Z = curvatureRows(batch, weights, w, gradient);
            lambda.addGram(Z, n * K);
            requireFactor("the Laplace update's Hessian");
            lambda.solve(gradient, step);
            // backtracking: Λ₀·step = H·step − ZᵀZ·step = gradient − Zᵀ(Z·step)
            double[] priorStep = priorTimes(step, gradient, Z, n * K);
            double size = 1;
            double value = Double.NEGATIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++) {
                for (int j = 0; j < D; j++) {
                    candidate[j] = w[j] + size * step[j];
                    work[j] = Lw[j] + size * priorStep[j];
                }
                value = objective(candidate, work, priorEta, batch, weights);
                if (value >= current - 1e-12 * Math.abs(current)) {
                    break;
                }
                size /= 2;
            }
            double change = 0;
            double scale = 0;
            for (int j = 0; j < D; j++) {
                change = Math.max(change, Math.abs(candidate[j] - w[j]));
                scale = Math.max(scale, Math.abs(candidate[j]));
            }
            System.arraycopy(candidate, 0, w, 0, D);
            current = value;
            if (change <= 1e-10 * (1 + scale)) {
                break;
            }
        }
        // the precision at the mode, and η = Λŵ
        lambda.setPacked(priorPacked);
        Arrays.fill(gradient, 0);
        lambda.addGram(curvatureRows(batch, weights, w, gradient), n * K);
        lambda.multiply(w, posterior.information());
    }

    /** −½(w − μ₀)ᵀΛ₀(w − μ₀) + Σ wᵢ log p(yᵢ | Φᵢw) up to a constant, from Λ₀w and η₀ = Λ₀μ₀. */
    private double objective(double[] w, double[] priorTimesW, double[] priorEta, List<LabelledExample> batch, double[] weights) {
        double value = -0.5 * dot(w, priorTimesW) + dot(w, priorEta);
        double[] a = new double[K];
        for (int i = 0; i < batch.size(); i++) {
            LabelledExample e = batch.get(i);
            Outputs.project(spec.inputOf(e.x()), K, d, w, a);
            value += weights[i] * likelihood.logLikelihood(a, e.target());
        }
        return value;
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

    /**
     * The K rows per example whose Gram matrix is Σ Φᵢᵀ(−wᵢ∇² log pᵢ)Φᵢ at w; adds each example's
     * gradient Φᵢᵀ·wᵢ∇ log pᵢ to {@code gradient}.
     */
    private double[] curvatureRows(List<LabelledExample> batch, double[] weights, double[] w, double[] gradient) {
        int n = batch.size();
        double[] Z = rows(n * K);
        double[] a = new double[K];
        double[] g = new double[K];
        double[] root = new double[K * K];
        for (int i = 0; i < n; i++) {
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
        return Z;
    }

    /** Assumed-density filtering through the batch; {@code mean} is the advanced posterior's mean. */
    private void adf(WeightPosterior posterior, List<LabelledExample> batch, long t) {
        int n = batch.size();
        double[] priorPacked = posterior.precision();
        lambda.getPacked(priorPacked);
        if (!lambda.invert()) {
            throw new LearningFailedException("the posterior before the batch cannot be inverted (" + spec + ")");
        }
        double[] P = new double[D * D];
        double[] packedP = new double[priorPacked.length];
        lambda.getPacked(packedP);
        unpack(packedP, P);
        double[] mu = mean.clone();
        double[] Z = rows(n * K);
        double[] eta = posterior.information();
        double[] U = new double[K * D];
        double[] m = new double[K];
        double[] V = new double[K * K];
        for (int i = 0; i < n; i++) {
            LabelledExample e = batch.get(i);
            FeatureVector x = spec.inputOf(e.x());
            double weight = OnlineLearner.retained(t - e.time(), spec.halfLifeMillis()) * e.weight();
            // U = PΦᵀ (column k: P times x in block k), m = Φμ, V = ΦPΦᵀ
            for (int k = 0; k < K; k++) {
                for (int r = 0; r < D; r++) {
                    U[k * D + r] = x.dot(P, r * D + k * d);
                }
            }
            Outputs.project(x, K, d, mu, m);
            for (int k = 0; k < K; k++) {
                for (int l = 0; l < K; l++) {
                    V[k * K + l] = x.dot(U, l * D + k * d);
                }
            }
            symmetrise(V);
            TiltedMoments.Result tilted = TiltedMoments.of(likelihood, m, V, e.target(), weight);
            Site site = Site.of(m, V, tilted, K);
            // μ ← μ + U(I + TV)⁻¹(ν − Tm);  P ← P − U·T(I + VT)⁻¹·Uᵀ
            double[] meanShift = SmallSymmetric.solveGeneral(plusIdentity(multiply(site.T, V)), minus(site.nu, multiply(site.T, m)), K);
            double[] gain = multiply(site.T, inverseGeneral(plusIdentity(multiply(V, site.T))));
            for (int r = 0; r < D; r++) {
                double shift = 0;
                for (int k = 0; k < K; k++) {
                    shift += U[k * D + r] * meanShift[k];
                }
                mu[r] += shift;
            }
            for (int r = 0; r < D; r++) {
                for (int k = 0; k < K; k++) {
                    double coefficient = 0;
                    for (int l = 0; l < K; l++) {
                        coefficient += U[l * D + r] * gain[l * K + k];
                    }
                    if (coefficient == 0) {
                        continue;
                    }
                    int row = r * D;
                    int u = k * D;
                    for (int c = 0; c < D; c++) {
                        P[row + c] -= coefficient * U[u + c];
                    }
                }
            }
            // the site as K design rows and an information increment
            for (int k = 0; k < K; k++) {
                x.scatter(eta, k * d, site.nu[k]);
                for (int c = 0; c < K; c++) {
                    double r = site.root[k * K + c];
                    if (r != 0) {
                        x.scatter(Z, (i * K + c) * D + k * d, r);
                    }
                }
            }
        }
        lambda.setPacked(priorPacked);
        lambda.addGram(Z, n * K);
    }

    /** A Gaussian site in the outputs' space: precision T = R·Rᵀ (made positive semi-definite) and information ν. */
    private record Site(double[] T, double[] root, double[] nu) {

        static Site of(double[] m, double[] V, TiltedMoments.Result tilted, int K) {
            double[] LV = SmallSymmetric.cholesky(V, K);
            double[] Lt = SmallSymmetric.cholesky(tilted.covariance(), K);
            if (LV == null || Lt == null) {
                throw new LearningFailedException("assumed-density filtering: an example's output covariance is not positive definite");
            }
            double[] Vinv = SmallSymmetric.inverse(LV, K);
            double[] tiltedInv = SmallSymmetric.inverse(Lt, K);
            double[] T = new double[K * K];
            for (int i = 0; i < K * K; i++) {
                T[i] = tiltedInv[i] - Vinv[i];
            }
            double[] root = SmallSymmetric.positiveRoot(T, K);
            double[] positive = new double[K * K];
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    double sum = 0;
                    for (int c = 0; c < K; c++) {
                        sum += root[i * K + c] * root[j * K + c];
                    }
                    positive[i * K + j] = sum;
                }
            }
            double[] nu = minus(multiply(tiltedInv, tilted.mean()), multiply(Vinv, m));
            return new Site(positive, root, nu);
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

    private void unpack(double[] packed, double[] full) {
        for (int i = 0, k = 0; i < D; i++) {
            for (int j = i; j < D; j++, k++) {
                full[i * D + j] = packed[k];
                full[j * D + i] = packed[k];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private void symmetrise(double[] V) {
        for (int k = 0; k < K; k++) {
            for (int l = 0; l < k; l++) {
                double mean = 0.5 * (V[k * K + l] + V[l * K + k]);
                V[k * K + l] = mean;
                V[l * K + k] = mean;
            }
        }
    }

    private static double[] multiply(double[] A, double[] B) {
        int K = (int) Math.round(Math.sqrt(A.length));
        if (B.length == K) {
            double[] out = new double[K];
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    out[i] += A[i * K + j] * B[j];
                }
            }
            return out;
        }
        double[] out = new double[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double sum = 0;
                for (int c = 0; c < K; c++) {
                    sum += A[i * K + c] * B[c * K + j];
                }
                out[i * K + j] = sum;
            }
        }
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double[] plusIdentity(double[] A) {
        int K = (int) Math.round(Math.sqrt(A.length));
        double[] out = A.clone();
        for (int i = 0; i < K; i++) {
            out[i * K + i] += 1;
        }
        return out;
    }

    private static double[] inverseGeneral(double[] A) {
        int K = (int) Math.round(Math.sqrt(A.length));
        double[] inverse = new double[K * K];
        double[] e = new double[K];
        for (int c = 0; c < K; c++) {
            Arrays.fill(e, 0);
            e[c] = 1;
            double[] column = SmallSymmetric.solveGeneral(A, e, K);
            for (int r = 0; r < K; r++) {
                inverse[r * K + c] = column[r];
            }
        }
        return inverse;
    }

    @Override
    public void close() {
        lambda.close();
    }
}
