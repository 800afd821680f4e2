package io.bayesfuse.kernels.adaptive;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation.Structure;
import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.simulation.TargetSimulation;
import io.bayesfuse.kernels.stats.Consistency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The variational noise-adaptive update against a plain implementation of Särkkä &amp; Nummenmaa's
 * algorithm, and its consistency when the configured R is wrong. Measured (seeded, one target,
 * 3000 measurements, NIS averaged over the last 2000, 95% interval [1.913, 2.089] for m = 2):
 * with R configured 10× too small the fixed-R Kalman filter's average NIS is 11.85, with 10× too
 * large 0.44; the adaptive filter (diagonal, ρ = 0.98, 3 iterations, prior worth 10 measurements)
 * gives 1.99 in both cases, as does the fixed filter with the true R (1.95). Over 20 seeds the
 * adaptive filter's average NIS lies in [1.946, 1.994] (full R, 10× too large), about 1.5% below the
 * nominal 2, while the fixed filter with the true R spreads over [1.919, 2.075]. A radar (EKF, UKF)
 * whose bearing variance is configured 10× too small: fixed 10.89, adaptive EKF 1.99, UKF 1.92.
 */
class VariationalNoiseUpdateTest {

    private static final MotionModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final PositionMeasurement POSITION = new PositionMeasurement(2);
    private static final DMatrixRMaj H = positionMatrix();
    private static final DMatrixRMaj R_TRUE = Matrices.of(new double[][]{{4, 1.2}, {1.2, 2}});
    private static final double[] X0 = {0, 1, 0, 1};
    private static final DMatrixRMaj P0 = Matrices.diagonal(25, 4, 25, 4);
    private static final int STEPS = 3000;
    private static final int SETTLE = 1000;

    private static DMatrixRMaj positionMatrix() {
        DMatrixRMaj h = new DMatrixRMaj(2, 4);
        POSITION.jacobian(CV2.layout(), new DMatrixRMaj(4, 1), h);
        return h;
    }

    private static DMatrixRMaj scaled(DMatrixRMaj R, double factor) {
        DMatrixRMaj c = R.copy();
        CommonOps_DDRM.scale(factor, c);
        return c;
    }

    /** Time-averaged NIS over the measurements after SETTLE; {@code adaptation} null runs the fixed-R filter. */
    private record Run(double averageNis, NoisePosterior posterior, double[][] averageVariationalR, double[][] averageMean) {
    }

    private static Run run(DMatrixRMaj Rconfigured, NoiseAdaptation adaptation, long seed) {
        TargetSimulation sim = new TargetSimulation(seed);
        KalmanFilter filter = new KalmanFilter(CV2);
        filter.initialise(Matrices.column(X0), P0, 0);
        VariationalNoiseUpdate vb = adaptation == null ? null : new VariationalNoiseUpdate(adaptation);
        NoisePosterior noise = adaptation == null ? null : adaptation.prior(Rconfigured);
        double[] truth = sim.draw(X0, P0);
        double sum = 0;
        double[][] variational = new double[2][2];
        double[][] mean = new double[2][2];
        for (int k = 0; k < STEPS; k++) {
            truth = sim.step(CV2, truth, 1);
            DMatrixRMaj z = Matrices.column(sim.measure(H, truth, R_TRUE));
            filter.predict(1);
            double nis;
            if (k >= SETTLE && noise != null) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        variational[i][j] += noise.variationalR()[i][j] / (STEPS - SETTLE);
                        mean[i][j] += noise.mean()[i][j] / (STEPS - SETTLE);
                    }
                }
            }
            if (vb == null) {
                nis = filter.update(POSITION, z, Rconfigured, Gate.NONE).nis();
            } else {
                AdaptiveUpdate update = vb.update(filter, POSITION, z, noise, Gate.NONE);
                noise = update.posterior();
                nis = update.nis();
            }
            if (k >= SETTLE) {
                sum += nis;
            }
        }
        return new Run(sum / (STEPS - SETTLE), noise, variational, mean);
    }

    private static final double[] INTERVAL = Consistency.averageInterval(2, STEPS - SETTLE, 0.95);
    private static final NoiseAdaptation DIAGONAL = new NoiseAdaptation(Structure.DIAGONAL, 0.98, 10, 3);
    private static final NoiseAdaptation FULL = new NoiseAdaptation(Structure.FULL, 0.98, 10, 3);

    @Test
    void withRConfiguredTenTimesTooSmallTheFixedFilterIsOverconfidentAndTheAdaptiveOneConsistent() {
        DMatrixRMaj wrong = scaled(R_TRUE, 0.1);
        assertThat(run(wrong, null, 7).averageNis()).isGreaterThan(INTERVAL[1]);
        assertThat(run(wrong, DIAGONAL, 7).averageNis()).isBetween(INTERVAL[0], INTERVAL[1]);
        assertThat(run(wrong, FULL, 7).averageNis()).isBetween(INTERVAL[0], INTERVAL[1]);
    }

    @Test
    void withRConfiguredTenTimesTooLargeTheFixedFilterIsUnderconfidentAndTheAdaptiveOneConsistent() {
        DMatrixRMaj wrong = scaled(R_TRUE, 10);
        assertThat(run(wrong, null, 8).averageNis()).isLessThan(INTERVAL[0]);
        assertThat(run(wrong, DIAGONAL, 8).averageNis()).isBetween(INTERVAL[0], INTERVAL[1]);
        assertThat(run(wrong, FULL, 8).averageNis()).isBetween(INTERVAL[0], INTERVAL[1]);
    }

    @Test
    void theLearnedRFollowsTheTrueRAndItsMeanExceedsItByTheExpectedFactor() {
        // time averages over 2000 measurements of an estimate with a memory of ~50: about 3% standard error
        Run full = run(scaled(R_TRUE, 10), FULL, 9);
        assertThat(full.averageVariationalR()[0][0]).isCloseTo(4, within(0.5));
        assertThat(full.averageVariationalR()[0][1]).isCloseTo(1.2, within(0.25));
        assertThat(full.averageVariationalR()[1][1]).isCloseTo(2, within(0.25));
        // at equilibrium ν ≈ 1/(1 − ρ) = 50, so E[R] = V/(ν − 3) ≈ (50/47)·V/ν
        assertThat(full.averageMean()[0][0] / full.averageVariationalR()[0][0]).isCloseTo(50.0 / 47, within(0.01));
        assertThat(full.posterior().mean()[1][0]).isEqualTo(full.posterior().mean()[0][1]);
        // the diagonal structure learns the variances and leaves the correlation out
        Run diagonal = run(scaled(R_TRUE, 0.1), DIAGONAL, 9);
        assertThat(diagonal.averageVariationalR()[0][0]).isCloseTo(4, within(0.5));
        assertThat(diagonal.averageVariationalR()[1][1]).isCloseTo(2, within(0.25));
        assertThat(diagonal.posterior().mean()[0][1]).isZero();
    }

    @Test
    void thePriorReproducesTheConfiguredRSoTheFirstUpdateIsTheFixedFilters() {
        DMatrixRMaj R = Matrices.of(new double[][]{{3, 0}, {0, 5}});
        assertThat(DIAGONAL.prior(R).variationalR()).isDeepEqualTo(new double[][]{{3, 0}, {0, 5}});
        double[][] full = FULL.prior(R_TRUE).variationalR();
        for (int i = 0; i < 2; i++) {
            assertThat(full[i]).containsExactly(Matrices.toRows(R_TRUE)[i], within(1e-15));
        }
        // E[R] = V/(ν − m − 1) = 10·R/7
        assertThat(FULL.prior(R_TRUE).mean()[0][0]).isCloseTo(40.0 / 7, within(1e-12));
        KalmanFilter fixed = new KalmanFilter(CV2);
        KalmanFilter adaptive = new KalmanFilter(CV2);
        fixed.initialise(Matrices.column(X0), P0, 0);
        adaptive.initialise(Matrices.column(X0), P0, 0);
        DMatrixRMaj z = Matrices.column(3, -2);
        double nis = fixed.update(POSITION, z, R, Gate.NONE).nis();
        AdaptiveUpdate update = new VariationalNoiseUpdate(new NoiseAdaptation(Structure.DIAGONAL, 0.98, 10, 1))
                .update(adaptive, POSITION, z, DIAGONAL.prior(R), Gate.NONE);
        assertThat(update.nis()).isEqualTo(nis);
        assertThat(adaptive.mean().data).containsExactly(fixed.mean().data);
    }

    /**
     * Särkkä &amp; Nummenmaa (2009) for a linear sensor, written out with explicit inverses and the
     * simple covariance update, starting its iteration from β⁻/α⁻ as {@link VariationalNoiseUpdate} does.
     */
    @Test
    void theDiagonalUpdateIsSarkkaAndNummenmaasAlgorithm() {
        double rho = 0.95;
        int iterations = 4;
        VariationalNoiseUpdate vb = new VariationalNoiseUpdate(new NoiseAdaptation(Structure.DIAGONAL, rho, 6, iterations));
        KalmanFilter filter = new KalmanFilter(CV2);
        filter.initialise(Matrices.column(X0), P0, 0);
        NoisePosterior noise = new InverseGammaNoise(new double[]{3, 3}, new double[]{30, 6});

        DMatrixRMaj x = Matrices.column(X0);
        DMatrixRMaj P = P0.copy();
        double[] alpha = {3, 3};
        double[] beta = {30, 6};
        DMatrixRMaj F = new DMatrixRMaj(4, 4);
        DMatrixRMaj Q = new DMatrixRMaj(4, 4);
        CV2.transition(1, F);
        CV2.processNoise(1, Q);
        TargetSimulation sim = new TargetSimulation(3);
        double[] truth = sim.draw(X0, P0);
        for (int k = 0; k < 50; k++) {
            truth = sim.step(CV2, truth, 1);
            DMatrixRMaj z = Matrices.column(sim.measure(H, truth, R_TRUE));
            filter.predict(1);
            noise = vb.update(filter, POSITION, z, noise, Gate.NONE).posterior();

            DMatrixRMaj xPredicted = mult(F, x);
            DMatrixRMaj PPredicted = add(mult(mult(F, P), CommonOps_DDRM.transpose(F, null)), Q);
            double[] betaPredicted = new double[2];
            DMatrixRMaj R = new DMatrixRMaj(2, 2);
            for (int j = 0; j < 2; j++) {
                alpha[j] *= rho;
                betaPredicted[j] = rho * beta[j];
                R.set(j, j, betaPredicted[j] / alpha[j]);
                alpha[j] += 0.5;
            }
            for (int i = 0; i < iterations; i++) {
                DMatrixRMaj Ht = CommonOps_DDRM.transpose(H, null);
                DMatrixRMaj S = add(mult(mult(H, PPredicted), Ht), R);
                CommonOps_DDRM.invert(S);
                DMatrixRMaj K = mult(mult(PPredicted, Ht), S);
                DMatrixRMaj y = new DMatrixRMaj(2, 1);
                CommonOps_DDRM.subtract(z, mult(H, xPredicted), y);
                x = add(xPredicted, mult(K, y));
                DMatrixRMaj IKH = CommonOps_DDRM.identity(4);
                CommonOps_DDRM.subtractEquals(IKH, mult(K, H));
                P = mult(IKH, PPredicted);
                DMatrixRMaj residual = new DMatrixRMaj(2, 1);
                CommonOps_DDRM.subtract(z, mult(H, x), residual);
                DMatrixRMaj HPHt = mult(mult(H, P), Ht);
                for (int j = 0; j < 2; j++) {
                    beta[j] = betaPredicted[j] + 0.5 * residual.get(j) * residual.get(j) + 0.5 * HPHt.get(j, j);
                    R.set(j, j, beta[j] / alpha[j]);
                }
            }
        }
        InverseGammaNoise learned = (InverseGammaNoise) noise;
        assertThat(learned.alpha()).containsExactly(alpha, within(1e-12));
        assertThat(learned.beta()).containsExactly(beta, within(1e-9));
        assertThat(filter.mean().data).containsExactly(x.data, within(1e-9));
        for (int i = 0; i < 16; i++) {
            assertThat(filter.covariance().data[i]).isCloseTo(P.data[i], within(1e-9));
        }
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static DMatrixRMaj add(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(a, b, c);
        return c;
    }

    /** A radar whose bearing noise is configured 10× too small, tracked by a nonlinear filter. */
    private static double radarNis(Function<MotionModel, GaussianFilter> factory, boolean adapt) {
        RangeBearingMeasurement radar = new RangeBearingMeasurement(-200, -150);
        DMatrixRMaj Rtrue = Matrices.diagonal(1, 1e-4);
        DMatrixRMaj Rconfigured = Matrices.diagonal(1, 1e-5);
        TargetSimulation sim = new TargetSimulation(21);
        GaussianFilter filter = factory.apply(CV2);
        filter.initialise(Matrices.column(X0), P0, 0);
        VariationalNoiseUpdate vb = new VariationalNoiseUpdate(DIAGONAL);
        NoisePosterior noise = DIAGONAL.prior(Rconfigured);
        double[] truth = sim.draw(X0, P0);
        DMatrixRMaj z = new DMatrixRMaj(2, 1);
        double sum = 0;
        for (int k = 0; k < STEPS; k++) {
            truth = sim.step(CV2, truth, 1);
            radar.predict(CV2.layout(), Matrices.column(truth), z);
            z.data[0] += sim.gaussian();
            z.data[1] += 0.01 * sim.gaussian();
            filter.predict(1);
            double nis;
            if (adapt) {
                AdaptiveUpdate update = vb.update(filter, radar, z, noise, Gate.NONE);
                noise = update.posterior();
                nis = update.nis();
            } else {
                nis = filter.update(radar, z, Rconfigured, Gate.NONE).nis();
            }
            if (k >= SETTLE) {
                sum += nis;
            }
        }
        return sum / (STEPS - SETTLE);
    }

    @Test
    void nonlinearFiltersLearnARadarsBearingNoiseToo() {
        assertThat(radarNis(ExtendedKalmanFilter::new, false)).isGreaterThan(INTERVAL[1]);
        assertThat(radarNis(ExtendedKalmanFilter::new, true)).isBetween(INTERVAL[0], INTERVAL[1]);
        assertThat(radarNis(m -> new UnscentedKalmanFilter(m, 0.5, 2, 0), true)).isBetween(INTERVAL[0], INTERVAL[1]);
    }

    @Test
    void aGatedMeasurementLeavesThePredictionAndOnlyForgetsTheNoise() {
        KalmanFilter filter = new KalmanFilter(CV2);
        filter.initialise(Matrices.column(X0), P0, 0);
        NoisePosterior prior = DIAGONAL.prior(Matrices.diagonal(4, 4));
        AdaptiveUpdate update = new VariationalNoiseUpdate(DIAGONAL)
                .update(filter, POSITION, Matrices.column(500, 500), prior, new ChiSquareGate(0.99));
        assertThat(update.outcome()).isEqualTo(Outcome.GATED);
        assertThat(filter.mean().data).containsExactly(X0);
        InverseGammaNoise forgotten = (InverseGammaNoise) update.posterior();
        assertThat(forgotten.alpha()).containsExactly(0.98 * 5, 0.98 * 5);
        assertThat(forgotten.variationalR()).isDeepEqualTo(new double[][]{{4, 0}, {0, 4}});
    }

    @Test
    void afterADetectedChangeRelearningCatchesUpFasterThanForgetting() {
        // a sensor whose noise standard deviation triples after 500 measurements; slow forgetting (ρ = 0.995)
        NoiseAdaptation slow = new NoiseAdaptation(Structure.DIAGONAL, 0.995, 10, 3);
        double[] withoutRelearning = nisAfterNoiseChange(slow, false);
        double[] relearning = nisAfterNoiseChange(slow, true);
        // the average NIS over the 100 measurements after the change: far above 2 while stale evidence dominates
        // (measured 10.0 without relearning, 3.8 relearning 5 measurements after the change)
        assertThat(withoutRelearning[0]).isGreaterThan(4);
        assertThat(relearning[0]).isLessThan(0.6 * withoutRelearning[0]);
        // relearning keeps the point estimate (times the inflation) and resets the confidence to the prior's
        InverseGammaNoise learned = (InverseGammaNoise) slow.relearn(new InverseGammaNoise(new double[]{100, 100}, new double[]{400, 200}), 2);
        assertThat(learned.alpha()).containsExactly(5, 5);
        assertThat(learned.variationalR()).isDeepEqualTo(new double[][]{{8, 0}, {0, 4}});
    }

    /** {average NIS over the 100 measurements after the change}; relearning with inflation 1 at the change (as a detector would, a few measurements late). */
    private static double[] nisAfterNoiseChange(NoiseAdaptation adaptation, boolean relearn) {
        TargetSimulation sim = new TargetSimulation(17);
        KalmanFilter filter = new KalmanFilter(CV2);
        filter.initialise(Matrices.column(X0), P0, 0);
        VariationalNoiseUpdate vb = new VariationalNoiseUpdate(adaptation);
        NoisePosterior noise = adaptation.prior(Matrices.diagonal(4, 4));
        double[] truth = sim.draw(X0, P0);
        double sum = 0;
        for (int k = 0; k < 600; k++) {
            truth = sim.step(CV2, truth, 1);
            DMatrixRMaj R = k < 500 ? Matrices.diagonal(4, 4) : Matrices.diagonal(36, 36);
            DMatrixRMaj z = Matrices.column(sim.measure(H, truth, R));
            filter.predict(1);
            if (relearn && k == 505) {
                noise = adaptation.relearn(noise, 1);
            }
            AdaptiveUpdate update = vb.update(filter, POSITION, z, noise, Gate.NONE);
            noise = update.posterior();
            if (k >= 500) {
                sum += update.nis();
            }
        }
        return new double[]{sum / 100};
    }

    @Test
    void settingsThatCannotHaveAPosteriorMeanAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new NoiseAdaptation(Structure.FULL, 1.5, 10, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessage("noise adaptation: forgetting is 1.5, must lie in (0, 1]");
        assertThatThrownBy(() -> new NoiseAdaptation(Structure.FULL, 0.98, 3, 3).requireUsableFor("sensor 'gps'", 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sensor 'gps': adaptation.priorStrength is 3.0 but must exceed 3.0 for a full R of 2 components to have a posterior mean");
        assertThatThrownBy(() -> new NoiseAdaptation(Structure.DIAGONAL, 0.4, 10, 3).requireUsableFor("sensor 'gps'", 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("adaptation.forgetting is 0.4");
        assertThatThrownBy(() -> new VariationalNoiseUpdate(FULL).update(new KalmanFilter(CV2), POSITION, Matrices.column(1, 1),
                DIAGONAL.prior(Matrices.diagonal(1, 1)), Gate.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot continue from");
    }

}
