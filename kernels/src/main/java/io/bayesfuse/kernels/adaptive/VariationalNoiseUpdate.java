package io.bayesfuse.kernels.adaptive;

import io.bayesfuse.kernels.adaptive.NoiseAdaptation.Structure;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.filter.MerweScaledSigmaPoints;
import io.bayesfuse.kernels.filter.SingleGaussianFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The variational-Bayes noise-adaptive Kalman update (Särkkä &amp; Nummenmaa 2009, "Recursive noise
 * adaptive Kalman filtering by variational Bayesian approximations", IEEE TAC 54(3), Algorithm of
 * §III; the full-covariance form of Särkkä &amp; Hartikainen 2013, §3): the state x and the sensor's R
 * are estimated jointly, with q(x)·q(R) ≈ p(x, R | z) found by fixed-point iteration. Per measurement:
 * <pre>
 * noise prediction (eq. 11):     α⁻ = ρ·α,  β⁻ = ρ·β          (full: ν⁻ = ρ·ν,  V⁻ = ρ·V)
 *                                α = α⁻ + ½                    (full: ν = ν⁻ + 1)
 * iterate N times (eq. 13–16):   R = diag(β/α)                 (full: R = V/ν = (E[R⁻¹])⁻¹)
 *                                x, P = Kalman update of the predicted x⁻, P⁻ with z and R
 *                                D = E[(z − h(x))(z − h(x))ᵀ] under N(x, P)
 *                                βⱼ = β⁻ⱼ + ½ Dⱼⱼ              (full: V = V⁻ + D)
 * </pre>
 * For a linear sensor D = (z − H·x)(z − H·x)ᵀ + H·P·Hᵀ. The state update is the filter's own
 * (Joseph-form KF, EKF or UKF), so nonlinear sensors work too: the EKF's D is linearised at the
 * posterior mean, the UKF's taken over its sigma points (Särkkä &amp; Hartikainen 2013, §4).
 *
 * <p>One deviation from the paper: the first iteration uses the predicted estimate β⁻/α⁻ (V⁻/ν⁻), not
 * β⁻/(α⁻ + ½), so its innovation is judged — gated, and reported as NIS — under the noise the filter
 * believed before seeing the measurement. The fixed point is the same. A gated measurement does not
 * update the noise posterior (an outlier must not teach the sensor's R); with R configured much too
 * small a gate rejects most measurements at first, so adapt with a generous gate or none.
 *
 * <p>Preallocated; not thread-safe: one per stream thread.
 */
public final class VariationalNoiseUpdate {

    private final NoiseAdaptation settings;
    private final DMatrixRMaj R = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj zHat = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj e = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj H = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj HP = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj D = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj sigmas = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj sigma = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj whitened = new DMatrixRMaj(1, 1);
    private GaussianState predicted;

    public VariationalNoiseUpdate(NoiseAdaptation settings) {
        this.settings = settings;
    }

    public NoiseAdaptation settings() {
        return settings;
    }

    /** True when {@code noise} is a posterior of this adaptation's structure for an m-component sensor. */
    public boolean fits(NoisePosterior noise, int m) {
        return noise.dimension() == m && (settings.structure() == Structure.DIAGONAL
                ? noise instanceof InverseGammaNoise : noise instanceof InverseWishartNoise);
    }

    /**
     * Updates the filter, which holds the prediction to z's time, with measurement z and learns the
     * sensor's R from it.
     *
     * @param noise the sensor's noise posterior after its previous measurement (or the prior)
     * @param gate  applied to the first iteration's NIS
     * @throws IllegalArgumentException when {@code noise} does not {@link #fits fit} the sensor
     */
    public AdaptiveUpdate update(SingleGaussianFilter filter, MeasurementModel h, DMatrixRMaj z, NoisePosterior noise, Gate gate) {
        int m = h.measurementSize();
        if (!fits(noise, m)) {
            throw new IllegalArgumentException("a " + settings.structure() + " noise adaptation for " + m
                    + " components cannot continue from " + noise);
        }
        double rho = settings.forgetting();
        boolean diagonal = settings.structure() == Structure.DIAGONAL;
        // noise prediction: α⁻ = ρα, β⁻ = ρβ (ν⁻ = ρν, V⁻ = ρV); the first R is the predicted β⁻/α⁻ (V⁻/ν⁻)
        double[] alphaPosterior;
        double[] predictedScale;
        double nuPosterior = 0;
        NoisePosterior forgotten;
        R.reshape(m, m);
        if (diagonal) {
            InverseGammaNoise ig = (InverseGammaNoise) noise;
            double[] alphaPredicted = new double[m];
            double[] betaPredicted = new double[m];
            alphaPosterior = new double[m];
            R.zero();
            for (int j = 0; j < m; j++) {
                alphaPredicted[j] = rho * ig.alpha()[j];
                betaPredicted[j] = rho * ig.beta()[j];
                alphaPosterior[j] = alphaPredicted[j] + 0.5;
                R.unsafe_set(j, j, betaPredicted[j] / alphaPredicted[j]);
            }
            forgotten = new InverseGammaNoise(alphaPredicted, betaPredicted);
            predictedScale = betaPredicted;
        } else {
            InverseWishartNoise iw = (InverseWishartNoise) noise;
            double nuPredicted = rho * iw.nu();
            double[] Vpredicted = new double[m * m];
            for (int i = 0; i < m * m; i++) {
                Vpredicted[i] = rho * iw.V()[i];
                R.data[i] = Vpredicted[i] / nuPredicted;
            }
            nuPosterior = nuPredicted + 1;
            forgotten = new InverseWishartNoise(nuPredicted, Vpredicted);
            alphaPosterior = null;
            predictedScale = Vpredicted;
        }
        savePrediction(filter);

        Outcome outcome = Outcome.APPLIED;
        double nis = Double.NaN;
        double logLikelihood = Double.NaN;
        double[] posteriorScale = new double[predictedScale.length];
        for (int iteration = 0; iteration < settings.iterations(); iteration++) {
            if (iteration > 0) {
                filter.restore(predicted);
            }
            UpdateResult result = filter.update(h, z, R, iteration == 0 ? gate : Gate.NONE);
            if (iteration == 0) {
                outcome = result.outcome();
                nis = result.nis();
                logLikelihood = result.logLikelihood();
                if (outcome != Outcome.DIVERGED) {
                    filter.normalisedInnovation(whitened);
                }
            }
            if (result.outcome() != Outcome.APPLIED) {
                return new AdaptiveUpdate(iteration == 0 ? outcome : Outcome.DIVERGED, nis, logLikelihood, forgotten);
            }
            noiseStatistic(filter, h, z);
            if (diagonal) {
                for (int j = 0; j < m; j++) {
                    posteriorScale[j] = predictedScale[j] + 0.5 * Math.max(0, D.unsafe_get(j, j));
                    R.unsafe_set(j, j, posteriorScale[j] / alphaPosterior[j]);
                }
            } else {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        int ij = i * m + j;
                        posteriorScale[ij] = predictedScale[ij] + 0.5 * (D.unsafe_get(i, j) + D.unsafe_get(j, i));
                        R.data[ij] = posteriorScale[ij] / nuPosterior;
                    }
                }
            }
        }
        NoisePosterior posterior = diagonal ? new InverseGammaNoise(alphaPosterior, posteriorScale)
                : new InverseWishartNoise(nuPosterior, posteriorScale);
        return new AdaptiveUpdate(outcome, nis, logLikelihood, posterior);
    }

    /**
     * D = E_q(x)[(z − h(x))(z − h(x))ᵀ] under the filter's posterior N(x, P). For the UKF by its own
     * sigma points of the posterior, Σᵢ Wmᵢ (z ⊖ h(χᵢ))(z ⊖ h(χᵢ))ᵀ (Särkkä &amp; Hartikainen 2013, §4; the
     * mean weights, since this is an expectation, not a covariance about the mean); otherwise
     * linearised at the posterior mean, (z ⊖ h(x))(z ⊖ h(x))ᵀ + H·P·Hᵀ with H = ∂h/∂x at x — exact for
     * linear sensors.
     */
    private void noiseStatistic(SingleGaussianFilter filter, MeasurementModel h, DMatrixRMaj z) {
        int m = h.measurementSize();
        StateLayout layout = filter.layout();
        DMatrixRMaj x = filter.mean();
        D.reshape(m, m);
        if (filter instanceof UnscentedKalmanFilter ukf) {
            MerweScaledSigmaPoints points = ukf.sigmaPoints();
            int n = layout.size();
            int count = points.count();
            sigmas.reshape(n, count);
            sigma.reshape(n, 1);
            if (points.generate(x, filter.covariance(), sigmas)) {
                double[] Wm = points.meanWeights();
                D.zero();
                for (int i = 0; i < count; i++) {
                    for (int r = 0; r < n; r++) {
                        sigma.data[r] = sigmas.data[r * count + i];
                    }
                    h.predict(layout, sigma, zHat);
                    h.residual(z, zHat, e);
                    for (int a = 0; a < m; a++) {
                        for (int b = 0; b < m; b++) {
                            D.data[a * m + b] += Wm[i] * e.data[a] * e.data[b];
                        }
                    }
                }
                return;
            }
        }
        h.predict(layout, x, zHat);
        h.residual(z, zHat, e);
        h.jacobian(layout, x, H);
        CommonOps_DDRM.mult(H, filter.covariance(), HP);
        CommonOps_DDRM.multTransB(HP, H, D);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                D.data[a * m + b] += e.data[a] * e.data[b];
            }
        }
    }

    /**
     * The whitened innovation L⁻¹y of the last update's first iteration (under the predicted noise),
     * as {@link SingleGaussianFilter#normalisedInnovation}; undefined after a diverged update.
     */
    public void normalisedInnovation(DMatrixRMaj out) {
        out.setTo(whitened);
    }

    private void savePrediction(SingleGaussianFilter filter) {
        int n = filter.layout().size();
        if (predicted == null || predicted.dimension() != n) {
            predicted = new GaussianState(new double[n], new double[n * n]);
        }
        System.arraycopy(filter.mean().data, 0, predicted.x(), 0, n);
        System.arraycopy(filter.covariance().data, 0, predicted.P(), 0, n * n);
    }

    @Override
    public String toString() {
        return "variational noise update (" + settings + ")";
    }
}
