package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.motion.DiscreteWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.bayesfuse.kernels.filter.FilterAssertions.assertClose;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.CV2;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.P0;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.POSITION;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.R;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.X0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InteractingMultipleModelTest {

    private static final double[][] SWITCHING = {{0.9, 0.1}, {0.1, 0.9}};

    @Test
    void twoIdenticalModesGiveTheSingleFilter() {
        InteractingMultipleModel imm = new InteractingMultipleModel(
                new GaussianFilter[]{new KalmanFilter(CV2), new KalmanFilter(CV2)}, SWITCHING, new double[]{0.3, 0.7});
        KalmanFilter kf = new KalmanFilter(CV2);
        imm.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        kf.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        Random random = new Random(2);
        for (int k = 0; k < 20; k++) {
            DMatrixRMaj z = Matrices.column(k + random.nextGaussian(), random.nextGaussian());
            imm.predict(0.5);
            kf.predict(0.5);
            UpdateResult a = imm.update(POSITION, z, R, Gate.NONE);
            double nis = a.nis();
            assertThat(nis).isCloseTo(kf.update(POSITION, z, R, Gate.NONE).nis(), within(1e-9));
        }
        assertClose(imm.mean(), kf.mean(), 1e-9, "x");
        assertClose(imm.covariance(), kf.covariance(), 1e-9, "P");
        assertThat(imm.modeProbabilities()[0] + imm.modeProbabilities()[1]).isCloseTo(1.0, within(1e-12));
    }

    /**
     * The combined estimate of a CV mode (4 states) and a CA mode (6 states) is in the CA layout;
     * the CV mode's missing accelerations are the CA mode's own, so they are not pulled toward 0.
     */
    @Test
    void combinesModesOfDifferentSizesInTheLargestLayout() {
        KinematicModel ca2 = KinematicModel.constantAcceleration(2, new DiscreteWhiteNoise(1));
        InteractingMultipleModel imm = new InteractingMultipleModel(
                new GaussianFilter[]{new KalmanFilter(CV2), new KalmanFilter(ca2)}, SWITCHING, new double[]{0.5, 0.5});
        assertThat(imm.layout()).isEqualTo(ca2.layout());
        double[] pCv = Matrices.of(new double[][]{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}).data;
        double[] pCa = new double[36];
        for (int i = 0; i < 6; i++) {
            pCa[i * 6 + i] = 2;
        }
        imm.restore(new MixtureState(new double[]{0.25, 0.75}, new GaussianState[]{
                new GaussianState(new double[]{10, 1, 20, 2}, pCv),
                new GaussianState(new double[]{14, 3, 0.5, 24, 6, -0.5}, pCa)}, 6));
        DMatrixRMaj x = imm.mean();
        assertThat(x.data).startsWith(0.25 * 10 + 0.75 * 14, 0.25 * 1 + 0.75 * 3, 0.5, 0.25 * 20 + 0.75 * 24, 0.25 * 2 + 0.75 * 6, -0.5);
        // position variance: Σ μ (P + spread²) = 0.25·(1 + 3²) + 0.75·(2 + 1²)
        assertThat(imm.covariance().get(0, 0)).isCloseTo(0.25 * (1 + 9) + 0.75 * (2 + 1), within(1e-12));
        // an acceleration's variance is the CA mode's own
        assertThat(imm.covariance().get(2, 2)).isCloseTo(2, within(1e-12));
        // the prior is given in the largest layout and restricted to each mode
        imm.initialise(Matrices.column(1, 2, 3, 4, 5, 6), Matrices.diagonal(1, 2, 3, 4, 5, 6), 0);
        MixtureState started = imm.save();
        assertThat(started.modes()[0].x()).containsExactly(1, 2, 4, 5);
        assertThat(started.modes()[1].x()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    /**
     * A target flies straight, makes a hard manoeuvre, and flies straight again. A quiet CV model
     * lags in the manoeuvre, a CA model is noisy on the straight legs; the IMM of the two switches
     * and has a lower position RMSE over 30 seeded runs than either alone.
     */
    @Test
    void onAManoeuvringTargetTheImmBeatsEitherModelAlone() {
        KinematicModel cv = KinematicModel.constantVelocity(2, new DiscreteWhiteNoise(0.01));
        KinematicModel ca = KinematicModel.constantAcceleration(2, new DiscreteWhiteNoise(1.0));
        PositionMeasurement position = new PositionMeasurement(2);
        DMatrixRMaj Rm = Matrices.of(new double[][]{{25, 0}, {0, 25}});
        double[] x0Ca = {0, 10, 0, 0, 0, 0};
        DMatrixRMaj p0Ca = Matrices.diagonal(100, 25, 4, 100, 25, 4);
        double[] x0Cv = {0, 10, 0, 0};
        DMatrixRMaj p0Cv = Matrices.diagonal(100, 25, 100, 25);
        double[] squared = new double[3];
        int count = 0;
        for (int run = 0; run < 30; run++) {
            Random random = new Random(500 + run);
            RecursiveFilter[] filters = {
                    new KalmanFilter(cv),
                    new KalmanFilter(ca),
                    new InteractingMultipleModel(new GaussianFilter[]{new KalmanFilter(cv), new KalmanFilter(ca)},
                            new double[][]{{0.95, 0.05}, {0.05, 0.95}}, new double[]{0.5, 0.5})};
            filters[0].initialise(Matrices.column(x0Cv), p0Cv, 0);
            filters[1].initialise(Matrices.column(x0Ca), p0Ca, 0);
            filters[2].initialise(Matrices.column(x0Ca), p0Ca, 0);
            double px = 0;
            double py = 0;
            double vx = 10;
            double vy = 0;
            for (int k = 0; k < 90; k++) {
                double ax = k >= 30 && k < 45 ? -2 : 0;
                double ay = k >= 30 && k < 45 ? 3 : 0;
                px += vx + ax / 2;
                py += vy + ay / 2;
                vx += ax;
                vy += ay;
                DMatrixRMaj z = Matrices.column(px + 5 * random.nextGaussian(), py + 5 * random.nextGaussian());
                for (int f = 0; f < 3; f++) {
                    filters[f].predict(1.0);
                    filters[f].update(position, z, Rm, Gate.NONE);
                    DMatrixRMaj x = filters[f].mean();
                    int iy = filters[f].layout().positionIndex(1);
                    double ex = x.get(0) - px;
                    double ey = x.get(iy) - py;
                    squared[f] += ex * ex + ey * ey;
                }
                count++;
            }
        }
        double rmseCv = Math.sqrt(squared[0] / count);
        double rmseCa = Math.sqrt(squared[1] / count);
        double rmseImm = Math.sqrt(squared[2] / count);
        assertThat(rmseImm).as("IMM %.3f vs CV %.3f and CA %.3f", rmseImm, rmseCv, rmseCa)
                .isLessThan(rmseCv).isLessThan(rmseCa);
    }

    @Test
    void aGatedMeasurementLeavesEveryModeAtItsPrediction() {
        KinematicModel ca2 = KinematicModel.constantAcceleration(2, new DiscreteWhiteNoise(1));
        InteractingMultipleModel imm = new InteractingMultipleModel(
                new GaussianFilter[]{new KalmanFilter(CV2), new KalmanFilter(ca2)}, SWITCHING, new double[]{0.5, 0.5});
        imm.initialise(Matrices.column(0, 1, 0, 0, 1, 0), Matrices.diagonal(25, 4, 1, 25, 4, 1), 0);
        imm.predict(1.0);
        MixtureState predicted = imm.save();
        UpdateResult result = imm.update(POSITION, Matrices.column(900, -900), R, new ChiSquareGate(0.999));
        assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.GATED);
        assertThat(imm.save()).isEqualTo(predicted);
    }

    @Test
    void unscentedModesOfDifferentSizesTrackWithARangeBearingSensor() {
        KinematicModel ca2 = KinematicModel.constantAcceleration(2, new DiscreteWhiteNoise(0.5));
        InteractingMultipleModel imm = new InteractingMultipleModel(new GaussianFilter[]{
                new UnscentedKalmanFilter(CV2, 0.5, 2, 0), new UnscentedKalmanFilter(ca2, 0.5, 2, 0)},
                SWITCHING, new double[]{0.5, 0.5});
        imm.initialise(Matrices.column(0, 1, 0, 0, 1, 0), Matrices.diagonal(25, 4, 1, 25, 4, 1), 0);
        RangeBearingMeasurement radar = new RangeBearingMeasurement(-200, -150);
        DMatrixRMaj Rrb = Matrices.of(new double[][]{{1, 0}, {0, 1e-4}});
        DMatrixRMaj z = new DMatrixRMaj(2, 1);
        for (int k = 1; k <= 30; k++) {
            double[] truth = {k, 1, 0, k, 1, 0};
            radar.predict(ca2.layout(), Matrices.column(truth), z);
            imm.predict(1.0);
            assertThat(imm.update(radar, z, Rrb, Gate.NONE).outcome()).isEqualTo(UpdateResult.Outcome.APPLIED);
        }
        assertThat(imm.isHealthy()).isTrue();
        assertThat(imm.mean().get(0)).isCloseTo(30, within(1.0));
        assertThat(imm.mean().get(3)).isCloseTo(30, within(1.0));
        double[] mu = imm.modeProbabilities();
        assertThat(mu[0] + mu[1]).isCloseTo(1, within(1e-12));
    }
}
