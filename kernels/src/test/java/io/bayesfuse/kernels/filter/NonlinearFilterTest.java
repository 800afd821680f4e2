package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
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

/** The EKF and UKF: equal to the KF on linear models, and correct across the bearing discontinuity. */
class NonlinearFilterTest {

    private static void runLinearSequence(GaussianFilter filter, long seed) {
        filter.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        Random random = new Random(seed);
        for (int k = 0; k < 25; k++) {
            filter.predict(0.1 + random.nextDouble());
            filter.update(POSITION, Matrices.column(k + random.nextGaussian(), -k + random.nextGaussian()), R, Gate.NONE);
        }
    }

    @Test
    void theExtendedFilterIsTheKalmanFilterOnLinearModels() {
        KalmanFilter kf = new KalmanFilter(CV2);
        ExtendedKalmanFilter ekf = new ExtendedKalmanFilter(CV2);
        runLinearSequence(kf, 5);
        runLinearSequence(ekf, 5);
        assertThat(ekf.save()).isEqualTo(kf.save());
    }

    @Test
    void theUnscentedTransformIsExactForLinearModels() {
        KalmanFilter kf = new KalmanFilter(CV2);
        UnscentedKalmanFilter ukf = new UnscentedKalmanFilter(CV2, 0.5, 2.0, 0.0);
        runLinearSequence(kf, 6);
        runLinearSequence(ukf, 6);
        assertClose(ukf.mean(), kf.mean(), 1e-9, "x");
        assertClose(ukf.covariance(), kf.covariance(), 1e-9, "P");
    }

    @Test
    void sigmaPointWeightsFollowVanDerMerwe() {
        MerweScaledSigmaPoints points = new MerweScaledSigmaPoints(4, 0.5, 2.0, 0.0);
        double lambda = 0.25 * 4 - 4;
        assertThat(points.lambda()).isCloseTo(lambda, within(1e-15));
        assertThat(points.meanWeights()[0]).isCloseTo(lambda / (4 + lambda), within(1e-15));
        assertThat(points.covarianceWeights()[0]).isCloseTo(lambda / (4 + lambda) + 1 - 0.25 + 2, within(1e-15));
        double sum = 0;
        for (double w : points.meanWeights()) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        DMatrixRMaj sigmas = new DMatrixRMaj(1, 1);
        assertThat(points.generate(Matrices.column(X0), Matrices.of(P0), sigmas)).isTrue();
        // x ± the columns of the lower Cholesky factor of (n+λ)P: here P is diagonal
        assertThat(sigmas.get(0, 1)).isCloseTo(X0[0] + Math.sqrt((4 + lambda) * 25), within(1e-12));
        assertThat(sigmas.get(0, 5)).isCloseTo(X0[0] - Math.sqrt((4 + lambda) * 25), within(1e-12));
    }

    /**
     * A target due "west" of the radar (bearing ≈ π) measured just across the discontinuity
     * (bearing ≈ −π): with wrapped residuals and circular means both filters see a small
     * innovation and stay on the target.
     */
    @Test
    void bearingsAcrossPlusMinusPiGiveSmallInnovations() {
        RangeBearingMeasurement radar = new RangeBearingMeasurement(0, 0);
        DMatrixRMaj Rrb = Matrices.of(new double[][]{{1, 0}, {0, 1e-4}});
        double[] x0 = {-100, 0, 0.5, 0};   // bearing atan2(0.5, −100) ≈ π − 0.005
        double[][] p0 = {{4, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 1}};
        // the bearing says y ≈ −0.4 with σ ≈ 1 (0.01 rad at 100 m); the prior y = 0.5 with σ = 2:
        // the posterior is (0.5/4 − 0.4/1) / (1/4 + 1/1) = −0.22
        DMatrixRMaj z = Matrices.column(100.0, -Math.PI + 0.004);
        for (GaussianFilter filter : new GaussianFilter[]{new ExtendedKalmanFilter(CV2), new UnscentedKalmanFilter(CV2, 0.5, 2, 0)}) {
            filter.initialise(Matrices.column(x0), Matrices.of(p0), 0);
            UpdateResult result = filter.update(radar, z, Rrb, Gate.NONE);
            assertThat(result.outcome()).as(filter.toString()).isEqualTo(UpdateResult.Outcome.APPLIED);
            assertThat(result.nis()).as(filter.toString()).isLessThan(1.0);
            assertThat(filter.mean().get(0)).as(filter.toString()).isCloseTo(-100, within(0.5));
            assertThat(filter.mean().get(2)).as(filter.toString()).isCloseTo(-0.22, within(0.01));
            assertThat(filter.isHealthy()).isTrue();
        }
    }
}
