package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The DKF update on a scalar state, against the formula worked by hand. */
class DiscriminativeUpdateTest {

    private static final KinematicModel WALK = KinematicModel.randomWalk(1, new ContinuousWhiteNoise(1));

    private static GaussianFilter afterEvidence(GaussianFilter filter, double x, double P, double S, Double mu0, double f, double Qz) {
        StateEvidenceMeasurement evidence = new StateEvidenceMeasurement("sensor 'net'", new int[]{0},
                new double[][]{{S}}, mu0 == null ? null : new double[]{mu0}, WALK.layout());
        filter.initialise(Matrices.column(x), Matrices.of(new double[][]{{P}}), 0);
        UpdateResult result = filter.update(evidence, Matrices.column(f), Matrices.of(new double[][]{{Qz}}), Gate.NONE);
        assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.APPLIED);
        // NIS of the evidence as a measurement of x: (f − x)² / (P + Q(z))
        assertThat(result.nis()).isCloseTo((f - x) * (f - x) / (P + Qz), within(1e-12));
        return filter;
    }

    @Test
    void dividesOutTheStationaryPrior() {
        // precision 1/4 + 1/1 − 1/10 = 1.15; mean (1/4·1 + 1/1·2 − (1/10)·0.5) / 1.15
        for (GaussianFilter filter : new GaussianFilter[]{new KalmanFilter(WALK), new UnscentedKalmanFilter(WALK, 1, 2, 0)}) {
            afterEvidence(filter, 1, 4, 10, 0.5, 2, 1);
            assertThat(filter.covariance().get(0, 0)).isCloseTo(1 / 1.15, within(1e-12));
            assertThat(filter.mean().get(0)).isCloseTo((0.25 + 2 - 0.05) / 1.15, within(1e-12));
        }
    }

    @Test
    void aZeroMeanPriorIsTheDefault() {
        GaussianFilter filter = afterEvidence(new KalmanFilter(WALK), 1, 4, 10, null, 2, 1);
        assertThat(filter.mean().get(0)).isCloseTo((0.25 + 2) / 1.15, within(1e-12));
    }

    @Test
    void dropsThePriorTermWhenThePosteriorWouldNotBePositiveDefinite() {
        // 1/100 + 1/20 − 1/10 < 0: the update falls back to 1/100 + 1/20
        GaussianFilter filter = afterEvidence(new KalmanFilter(WALK), 1, 100, 10, null, 2, 20);
        double precision = 0.01 + 0.05;
        assertThat(filter.covariance().get(0, 0)).isCloseTo(1 / precision, within(1e-10));
        assertThat(filter.mean().get(0)).isCloseTo((0.01 * 1 + 0.05 * 2) / precision, within(1e-10));
        assertThat(filter.isHealthy()).isTrue();
    }
}
