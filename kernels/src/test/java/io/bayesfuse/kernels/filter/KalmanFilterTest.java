package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.bayesfuse.kernels.filter.FilterAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KalmanFilterTest {

    static final KinematicModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    static final double[] X0 = {0, 1, 0, 1};
    static final double[][] P0 = {{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}};
    static final DMatrixRMaj R = Matrices.of(new double[][]{{4, 0}, {0, 4}});
    static final PositionMeasurement POSITION = new PositionMeasurement(2);

    static KalmanFilter started() {
        KalmanFilter kf = new KalmanFilter(CV2);
        kf.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        return kf;
    }

    @Test
    void followsTheTextbookEquationsOverASequence() {
        KalmanFilter kf = started();
        TextbookKalman reference = new TextbookKalman(X0, P0);
        Random random = new Random(1);
        DMatrixRMaj F = new DMatrixRMaj(1, 1);
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        DMatrixRMaj H = Matrices.of(new double[][]{{1, 0, 0, 0}, {0, 0, 1, 0}});
        for (int k = 0; k < 30; k++) {
            double dt = 0.05 + random.nextDouble();
            double[] z = {k + random.nextGaussian() * 2, 0.5 * k + random.nextGaussian() * 2};
            kf.predict(dt);
            UpdateResult result = kf.update(POSITION, Matrices.column(z), R, Gate.NONE);
            CV2.transition(dt, F);
            CV2.processNoise(dt, Q);
            reference.predict(F, Q);
            reference.update(H, R, z);
            assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.APPLIED);
            assertThat(result.nis()).isCloseTo(reference.nis, within(1e-9));
            assertClose(kf.mean(), reference.x, 1e-10, "x");
            assertClose(kf.covariance(), reference.P, 1e-10, "P");
        }
    }

    @Test
    void aZeroStepLeavesTheStateUnchanged() {
        KalmanFilter kf = started();
        kf.predict(0);
        assertThat(kf.mean().data).containsExactly(X0);
        assertClose(kf.covariance(), Matrices.of(P0), 0, "P");
    }

    @Test
    void aGatedMeasurementLeavesThePredictionAndReportsItsNis() {
        KalmanFilter kf = started();
        kf.predict(1.0);
        DMatrixRMaj xPredicted = kf.mean().copy();
        DMatrixRMaj PPredicted = kf.covariance().copy();
        UpdateResult result = kf.update(POSITION, Matrices.column(500, -500), R, new ChiSquareGate(0.999));
        assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.GATED);
        assertThat(result.nis()).isGreaterThan(new ChiSquareGate(0.999).threshold(2));
        assertClose(kf.mean(), xPredicted, 0, "x");
        assertClose(kf.covariance(), PPredicted, 0, "P");
    }

    @Test
    void theLogLikelihoodIsTheGaussianDensityOfTheInnovation() {
        KalmanFilter kf = started();
        UpdateResult result = kf.update(POSITION, Matrices.column(3, -4), R, Gate.NONE);
        // S = P_pos + R = 29·I, y = (3, −4): log N = −½(25/29 + 2 ln 29 + 2 ln 2π)
        double expected = -0.5 * (25.0 / 29 + 2 * Math.log(29) + 2 * Math.log(2 * Math.PI));
        assertThat(result.logLikelihood()).isCloseTo(expected, within(1e-12));
        assertThat(result.nis()).isCloseTo(25.0 / 29, within(1e-12));
    }

    @Test
    void aNonlinearModelIsRefusedByThePlainKalmanFilter() {
        KalmanFilter kf = started();
        assertThatThrownBy(() -> kf.update(new RangeBearingMeasurement(0, 0), Matrices.column(1, 0), R, Gate.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is nonlinear: use an ekf or ukf filter");
    }

    @Test
    void anInnovationCovarianceThatIsNotPositiveDefiniteIsReportedAsDivergence() {
        KalmanFilter kf = started();
        DMatrixRMaj negative = Matrices.of(new double[][]{{-100, 0}, {0, -100}});
        UpdateResult result = kf.update(POSITION, Matrices.column(1, 1), negative, Gate.NONE);
        assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.DIVERGED);
        assertThat(kf.isHealthy()).isFalse();
        kf.restore(new GaussianState(X0, Matrices.of(P0).data));
        assertThat(kf.isHealthy()).isTrue();
    }

    @Test
    void aCovarianceThatIsNotPositiveDefiniteIsUnhealthy() {
        KalmanFilter kf = started();
        double[] P = Matrices.of(P0).data.clone();
        P[0] = -P[0];
        kf.restore(new GaussianState(X0, P));
        assertThat(kf.isHealthy()).isFalse();
        double[] singular = new double[16];
        kf.restore(new GaussianState(X0, singular));
        assertThat(kf.isHealthy()).isFalse();
    }

    @Test
    void aNonFiniteStateIsUnhealthy() {
        KalmanFilter kf = started();
        kf.restore(new GaussianState(new double[]{Double.NaN, 0, 0, 0}, Matrices.of(P0).data));
        assertThat(kf.isHealthy()).isFalse();
    }

    @Test
    void aRestoredStateContinuesBitForBit() {
        KalmanFilter a = started();
        a.predict(0.3);
        a.update(POSITION, Matrices.column(1, 2), R, Gate.NONE);
        GaussianState saved = a.save();
        KalmanFilter b = new KalmanFilter(CV2);
        b.restore(saved);
        for (KalmanFilter kf : new KalmanFilter[]{a, b}) {
            kf.predict(0.7);
            kf.update(POSITION, Matrices.column(2, 2.5), R, Gate.NONE);
        }
        assertThat(b.save()).isEqualTo(a.save());
    }

    @Test
    void theCovarianceStaysExactlySymmetric() {
        KalmanFilter kf = started();
        Random random = new Random(3);
        for (int k = 0; k < 200; k++) {
            kf.predict(random.nextDouble() * 3);
            kf.update(POSITION, Matrices.column(random.nextGaussian(), random.nextGaussian()), R, Gate.NONE);
            assertThat(Matrices.asymmetry(kf.covariance())).isZero();
        }
        assertThat(kf.isHealthy()).isTrue();
    }
}
