package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
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

class InformationFilterTest {

    @Test
    void givesTheKalmanFilterEstimatesAndNisIncludingGating() {
        KalmanFilter kf = new KalmanFilter(CV2);
        InformationFilter info = new InformationFilter(CV2);
        kf.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        info.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        Random random = new Random(9);
        Gate gate = new ChiSquareGate(0.99);
        int gated = 0;
        for (int k = 0; k < 40; k++) {
            double dt = 0.05 + random.nextDouble();
            double outlier = k % 7 == 6 ? 60 : 0;
            DMatrixRMaj z = Matrices.column(k + random.nextGaussian() * 2 + outlier, random.nextGaussian() * 2);
            kf.predict(dt);
            info.predict(dt);
            UpdateResult a = kf.update(POSITION, z, R, gate);
            double nisKf = a.nis();
            UpdateResult.Outcome outcomeKf = a.outcome();
            UpdateResult b = info.update(POSITION, z, R, gate);
            assertThat(b.outcome()).isEqualTo(outcomeKf);
            assertThat(b.nis()).isCloseTo(nisKf, within(1e-8 * Math.max(1, nisKf)));
            gated += outcomeKf == UpdateResult.Outcome.GATED ? 1 : 0;
            assertClose(info.mean(), kf.mean(), 1e-8, "x");
            assertClose(info.covariance(), kf.covariance(), 1e-8, "P");
        }
        assertThat(gated).isPositive();
    }

    @Test
    void theExtendedInformationUpdateMatchesTheEkf() {
        RangeBearingMeasurement radar = new RangeBearingMeasurement(-200, -150);
        DMatrixRMaj Rrb = Matrices.of(new double[][]{{1, 0}, {0, 1e-4}});
        ExtendedKalmanFilter ekf = new ExtendedKalmanFilter(CV2);
        InformationFilter info = new InformationFilter(CV2);
        ekf.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        info.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        for (int k = 0; k < 10; k++) {
            DMatrixRMaj z = Matrices.column(250 + k, 0.64 + 0.001 * k);
            ekf.predict(0.5);
            info.predict(0.5);
            ekf.update(radar, z, Rrb, Gate.NONE);
            info.update(radar, z, Rrb, Gate.NONE);
        }
        assertClose(info.mean(), ekf.mean(), 1e-7, "x");
        assertClose(info.covariance(), ekf.covariance(), 1e-7, "P");
    }

    @Test
    void stateEvidenceInInformationFormMatchesTheCovarianceFormDkf() {
        StateEvidenceMeasurement evidence = new StateEvidenceMeasurement("sensor 'net'", new int[]{0, 2},
                new double[][]{{400, 0}, {0, 400}}, new double[]{1, -1}, CV2.layout());
        DMatrixRMaj Qz = Matrices.of(new double[][]{{2, 0.5}, {0.5, 3}});
        KalmanFilter kf = new KalmanFilter(CV2);
        InformationFilter info = new InformationFilter(CV2);
        kf.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        info.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        kf.predict(1);
        info.predict(1);
        kf.update(evidence, Matrices.column(3, 4), Qz, Gate.NONE);
        info.update(evidence, Matrices.column(3, 4), Qz, Gate.NONE);
        assertClose(info.mean(), kf.mean(), 1e-9, "x");
        assertClose(info.covariance(), kf.covariance(), 1e-9, "P");
    }
}
