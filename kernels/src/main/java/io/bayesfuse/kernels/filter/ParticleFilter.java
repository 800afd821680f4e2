package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SemidefiniteCholesky;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * The bootstrap particle filter (Gordon, Salmond, Smith 1993): particles drawn from the prior,
 * propagated through the motion model with sampled process noise, weighted by the measurement
 * likelihood N(z ⊖ h(xᵢ); 0, R), and resampled systematically (Kitagawa 1996) when the effective
 * sample size 1/Σwᵢ² falls below {@code resampleThreshold}·N. Randomness comes from a
 * {@link SplitMix64} whose state is part of the saved {@link ParticleState}, so a restored filter
 * continues exactly as the original would have.
 *
 * <p>The estimate is the weighted mean and covariance of the particles. The NIS and gate use
 * the particles' predicted measurement moments, ẑ = Σ wᵢ h(xᵢ) (circular for angles) and
 * S = Σ wᵢ (h(xᵢ) ⊖ ẑ)(h(xᵢ) ⊖ ẑ)ᵀ + R; the log-likelihood is the particle estimate
 * log Σ wᵢ N(z ⊖ h(xᵢ); 0, R). State evidence is weighted by N(f; Hxᵢ, Q(z)) / N(Hxᵢ; μ₀, S),
 * the DKF's ratio of the learned posterior to the stationary prior.
 */
public final class ParticleFilter extends LazyMomentsFilter {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final MotionModel motion;
    private final StateLayout layout;
    private final int n;
    private final int count;
    private final double resampleThreshold;
    private final SplitMix64 random = new SplitMix64(0);

    private double[] particles;
    private double[] spare;
    private final double[] weights;
    private final double[] logWeights;
    private final double[] cumulative;
    private final double[] noise;

    private final DMatrixRMaj F;
    private final DMatrixRMaj Q;
    private final DMatrixRMaj L;
    private final DMatrixRMaj particle;
    private final DMatrixRMaj zParticle = new DMatrixRMaj(1, 1);
    /** H·xᵢ − μ₀ for state evidence. */
    private final DMatrixRMaj priorResidual = new DMatrixRMaj(1, 1);
    private double[] Zs = new double[0];
    private final DMatrixRMaj zPredicted = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj residual = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj S = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj y = new DMatrixRMaj(1, 1);
    private final CholeskySolver solver = new CholeskySolver();
    private final CholeskySolver sSolver = new CholeskySolver();
    private final CholeskySolver priorSolver = new CholeskySolver();
    private final UpdateResult result = new UpdateResult();
    private boolean diverged;
    private int resamplings;

    /**
     * @param count             N, the number of particles
     * @param resampleThreshold resample when ESS < threshold·N (0 never, 1 always)
     */
    public ParticleFilter(MotionModel motion, int count, double resampleThreshold) {
        super(motion.layout().size());
        requireCount("particle filter", count);
        requireResampleThreshold("particle filter", resampleThreshold);
        this.motion = motion;
        this.layout = motion.layout();
        this.n = layout.size();
        this.count = count;
        this.resampleThreshold = resampleThreshold;
        this.particles = new double[count * n];
        this.spare = new double[count * n];
        this.weights = new double[count];
        this.logWeights = new double[count];
        this.cumulative = new double[count];
        this.noise = new double[n];
        this.F = new DMatrixRMaj(n, n);
        this.Q = new DMatrixRMaj(n, n);
        this.L = new DMatrixRMaj(n, n);
        this.particle = new DMatrixRMaj(n, 1);
    }

    /** The one check of N, shared with the configuration. @throws InvalidInputException (field {@code particles}) when N &lt; 2 */
    public static void requireCount(String subject, int count) {
        if (count < 2) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "particles", "is " + count + ", must be at least 2");
        }
    }

    /** The one check of the resample threshold, shared with the configuration. @throws InvalidInputException outside [0, 1] */
    public static void requireResampleThreshold(String subject, double resampleThreshold) {
        if (!(resampleThreshold >= 0 && resampleThreshold <= 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "resampleThreshold",
                    "is " + resampleThreshold + ", must lie in [0, 1]");
        }
    }

    public int count() {
        return count;
    }

    /** How many times this filter has resampled since it was created (for tests and metrics). */
    public int resamplings() {
        return resamplings;
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    /** Draws N particles xᵢ = x0 + L0·εᵢ (L0·L0ᵀ = P0, εᵢ ~ N(0, I)), equally weighted. */
    @Override
    public void initialise(DMatrixRMaj x0, DMatrixRMaj P0, long seed) {
        random.setState(seed);
        diverged = !SemidefiniteCholesky.factor(P0, L);
        for (int i = 0; i < count; i++) {
            sampleNoise();
            for (int r = 0; r < n; r++) {
                particles[i * n + r] = x0.data[r] + noise[r];
            }
        }
        Arrays.fill(weights, 1.0 / count);
        momentsStale();
    }

    /** noise = L·ε with ε ~ N(0, I). */
    private void sampleNoise() {
        double[] l = L.data;
        // draw ε, then multiply by the lower-triangular L in place from the bottom row up
        for (int r = 0; r < n; r++) {
            noise[r] = random.nextGaussian();
        }
        for (int r = n - 1; r >= 0; r--) {
            double sum = 0;
            for (int k = 0; k <= r; k++) {
                sum += l[r * n + k] * noise[k];
            }
            noise[r] = sum;
        }
    }

    /** xᵢ = F·xᵢ + wᵢ, wᵢ ~ N(0, Q). */
    @Override
    public void predict(double dt) {
        GaussianFilter.requireTimeStep(dt);
        if (dt == 0 || diverged) {
            return;
        }
        motion.transition(dt, F);
        motion.processNoise(dt, Q);
        if (!SemidefiniteCholesky.factor(Q, L)) {
            diverged = true;
            return;
        }
        double[] f = F.data;
        for (int i = 0; i < count; i++) {
            sampleNoise();
            int o = i * n;
            for (int r = 0; r < n; r++) {
                double sum = noise[r];
                for (int c = 0; c < n; c++) {
                    sum += f[r * n + c] * particles[o + c];
                }
                spare[o + r] = sum;
            }
        }
        swap();
        momentsStale();
    }

    private void swap() {
        double[] t = particles;
        particles = spare;
        spare = t;
    }

    @Override
    public UpdateResult update(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R, Gate gate) {
        int m = h.measurementSize();
        if (diverged || !solver.decompose(R)) {
            diverged = true;
            result.set(Outcome.DIVERGED, Double.NaN, Double.NaN, m);
            return result;
        }
        if (Zs.length < count * m) {
            Zs = new double[count * m];   // grows once to the largest measurement size
        }
        // predicted measurement of every particle and their moments
        for (int i = 0; i < count; i++) {
            System.arraycopy(particles, i * n, particle.data, 0, n);
            h.predict(layout, particle, zParticle);
            System.arraycopy(zParticle.data, 0, Zs, i * m, m);
        }
        zPredicted.reshape(m, 1);
        WeightedMeasurementMoments.mean(h, weights, count, Zs, m, 1, zPredicted.data);
        S.setTo(R);
        residual.reshape(m, 1);
        for (int i = 0; i < count; i++) {
            WeightedMeasurementMoments.deviation(h, Zs, i, m, 1, zPredicted.data, residual.data);
            WeightedMeasurementMoments.addWeightedOuter(S.data, weights[i], residual.data, m, residual.data, m);
        }
        h.residual(z, zPredicted, y);
        if (!sSolver.decompose(S)) {
            diverged = true;
            result.set(Outcome.DIVERGED, Double.NaN, Double.NaN, m);
            return result;
        }
        double nis = sSolver.quadraticForm(y);
        if (!gate.accepts(nis, m)) {
            result.set(Outcome.GATED, nis, Double.NaN, m);
            return result;
        }
        // weights: wᵢ ∝ wᵢ·N(z ⊖ h(xᵢ); 0, R), in logs
        double logNormaliser = -0.5 * (solver.logDeterminant() + m * LOG_2PI);
        StateEvidenceMeasurement evidence = h instanceof StateEvidenceMeasurement e ? e : null;
        double priorNormaliser = 0;
        if (evidence != null) {
            priorSolver.decompose(evidence.priorCovariance());
            priorNormaliser = -0.5 * (priorSolver.logDeterminant() + m * LOG_2PI);
        }
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < m; j++) {
                zParticle.data[j] = Zs[i * m + j];
            }
            zParticle.reshape(m, 1);
            h.residual(z, zParticle, residual);
            double logLik = logNormaliser - 0.5 * solver.quadraticForm(residual);
            if (evidence != null) {
                // divide by the stationary prior: − log N(H·xᵢ; μ₀, S)
                CommonOps_DDRM.subtract(zParticle, evidence.priorMean(), priorResidual);
                logLik -= priorNormaliser - 0.5 * priorSolver.quadraticForm(priorResidual);
            }
            logWeights[i] = Math.log(weights[i]) + logLik;
            maxLog = Math.max(maxLog, logWeights[i]);
        }
        if (!(maxLog > Double.NEGATIVE_INFINITY) || !Double.isFinite(maxLog)) {
            diverged = true;
            result.set(Outcome.DIVERGED, nis, Double.NaN, m);
            return result;
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = Math.exp(logWeights[i] - maxLog);
            total += weights[i];
        }
        double sumSquares = 0;
        for (int i = 0; i < count; i++) {
            weights[i] /= total;
            sumSquares += weights[i] * weights[i];
        }
        double logLikelihood = maxLog + Math.log(total);   // log Σ wᵢ N(...), the particle estimate of p(z | z₁..ₖ₋₁)
        double ess = 1.0 / sumSquares;
        if (ess < resampleThreshold * count) {
            resampleSystematically();
        }
        momentsStale();
        result.set(Outcome.APPLIED, nis, logLikelihood, m);
        return result;
    }

    /** Systematic resampling: one uniform u ~ U[0, 1/N), points u + j/N (Kitagawa 1996). */
    private void resampleSystematically() {
        double c = 0;
        for (int i = 0; i < count; i++) {
            c += weights[i];
            cumulative[i] = c;
        }
        cumulative[count - 1] = 1.0;
        double u = random.nextDouble() / count;
        int i = 0;
        for (int j = 0; j < count; j++) {
            double point = u + (double) j / count;
            while (i < count - 1 && cumulative[i] < point) {
                i++;
            }
            System.arraycopy(particles, i * n, spare, j * n, n);
        }
        swap();
        Arrays.fill(weights, 1.0 / count);
        resamplings++;
    }

    /** The effective sample size 1/Σwᵢ². */
    public double effectiveSampleSize() {
        double s = 0;
        for (double w : weights) {
            s += w * w;
        }
        return 1.0 / s;
    }

    @Override
    protected boolean computeMoments() {
        x.zero();
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < n; r++) {
                x.data[r] += weights[i] * particles[i * n + r];
            }
        }
        P.zero();
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < n; r++) {
                double wr = weights[i] * (particles[i * n + r] - x.data[r]);
                for (int c = 0; c < n; c++) {
                    P.data[r * n + c] += wr * (particles[i * n + c] - x.data[c]);
                }
            }
        }
        Matrices.symmetrise(P);
        return true;
    }

    @Override
    public boolean isHealthy() {
        refreshMoments();
        return !diverged && Matrices.isFinite(x) && solver.decompose(P);
    }

    @Override
    public ParticleState save() {
        return new ParticleState(n, particles.clone(), weights.clone(), random.state());
    }

    @Override
    public void restore(FilterState state) {
        if (!(state instanceof ParticleState p) || p.dimension() != n || p.count() != count) {
            throw new IllegalArgumentException("a particle filter of " + count + " particles over " + layout
                    + " cannot continue from " + state);
        }
        System.arraycopy(p.particles(), 0, particles, 0, particles.length);
        System.arraycopy(p.weights(), 0, weights, 0, count);
        random.setState(p.randomState());
        diverged = false;
        momentsStale();
    }

    @Override
    public String toString() {
        return "bootstrap particle filter (N=" + count + ", resample below ESS " + resampleThreshold + "·N) on " + motion;
    }
}
