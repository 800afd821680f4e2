package io.bayesfuse.kernels.motion;

import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CoordinatedTurnModelTest {

    private static final CoordinatedTurnModel CT = new CoordinatedTurnModel(new ContinuousWhiteNoise(0.1), 1e-4);

    private static DMatrixRMaj propagate(double dt, double... x) {
        DMatrixRMaj out = new DMatrixRMaj(5, 1);
        CT.propagate(dt, Matrices.column(x), out);
        return out;
    }

    @Test
    void aFullTurnComesBackToItsStartAtTheSameSpeed() {
        double omega = 2 * Math.PI / 40;   // a full circle in 40 s
        DMatrixRMaj x = Matrices.column(100, 10, -50, 0, omega);
        DMatrixRMaj next = new DMatrixRMaj(5, 1);
        for (int k = 0; k < 40; k++) {
            CT.propagate(1.0, x, next);
            assertThat(Math.hypot(next.get(1), next.get(3))).isCloseTo(10, within(1e-9));
            x.setTo(next);
        }
        assertThat(x.get(0)).isCloseTo(100, within(1e-9));
        assertThat(x.get(2)).isCloseTo(-50, within(1e-9));
        assertThat(x.get(1)).isCloseTo(10, within(1e-9));
        assertThat(x.get(3)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aQuarterTurnTurnsTheVelocityByNinetyDegreesOnACircleOfRadiusSpeedOverOmega() {
        double omega = 0.1;
        double T = Math.PI / 2 / omega;
        DMatrixRMaj x = propagate(T, 0, 5, 0, 0, omega);
        // left turn from heading +x: centre at (0, v/ω) = (0, 50), a quarter turn ends at (50, 50) heading +y
        assertThat(x.get(0)).isCloseTo(50, within(1e-9));
        assertThat(x.get(2)).isCloseTo(50, within(1e-9));
        assertThat(x.get(1)).isCloseTo(0, within(1e-12));
        assertThat(x.get(3)).isCloseTo(5, within(1e-12));
    }

    @Test
    void withoutTurnRateItIsTheConstantVelocityModel() {
        DMatrixRMaj x = propagate(2.5, 1, 3, 2, -4, 0);
        assertThat(x.data).containsExactly(new double[]{1 + 7.5, 3, 2 - 10, -4, 0}, within(1e-12));
    }

    @Test
    void theJacobianMatchesCentralDifferencesAtTurnRatesFromZeroToFast() {
        for (double omega : new double[]{0, 1e-7, -3e-5, 2e-4, 0.05, -0.3, 1.2}) {
            DMatrixRMaj x = Matrices.column(12, -7, 3, 9, omega);
            DMatrixRMaj analytic = new DMatrixRMaj(5, 5);
            CT.jacobian(1.7, x, analytic);
            DMatrixRMaj numeric = new DMatrixRMaj(5, 5);
            NonlinearMotionModel generic = new NonlinearMotionModel() {
                @Override
                public void propagate(double dt, DMatrixRMaj s, DMatrixRMaj out) {
                    CT.propagate(dt, s, out);
                }

                @Override
                public StateLayout layout() {
                    return CT.layout();
                }

                @Override
                public void processNoise(double dt, DMatrixRMaj Q) {
                    CT.processNoise(dt, Q);
                }
            };
            generic.jacobian(1.7, x, numeric);
            for (int i = 0; i < 25; i++) {
                assertThat(analytic.data[i]).as("omega %s entry %d", omega, i).isCloseTo(numeric.data[i], within(1e-6));
            }
        }
    }

    @Test
    void processNoiseIsTheConstantVelocityBlockPerAxisAndTurnRateNoiseOnOmega() {
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        CT.processNoise(2, Q);
        double q = 0.1;
        assertThat(Q.get(0, 0)).isCloseTo(q * 8 / 3, within(1e-15));
        assertThat(Q.get(0, 1)).isCloseTo(q * 4 / 2, within(1e-15));
        assertThat(Q.get(3, 3)).isCloseTo(q * 2, within(1e-15));
        assertThat(Q.get(0, 2)).isZero();
        assertThat(Q.get(4, 4)).isCloseTo(2e-4, within(1e-18));
    }

    @Test
    void theTurnRateIsAnExtraEntryThatAConstantVelocityLayoutDoesNotHold() {
        StateLayout cv = StateLayout.kinematic(2, 1);
        assertThat(CT.layout().size()).isEqualTo(5);
        assertThat(CT.layout().mapInto(cv)).containsExactly(0, 1, 2, 3);
        assertThat(cv.mapInto(CT.layout())).containsExactly(0, 1, 2, 3, -1);
        assertThat(CT.layout().mapInto(CT.layout())).containsExactly(0, 1, 2, 3, 4);
        assertThat(CT.layout()).isNotEqualTo(cv);
    }

    /** Both nonlinear filters follow a target turning at 3°/s and learn its turn rate. */
    @Test
    void extendedAndUnscentedFiltersTrackATurningTargetAndEstimateItsTurnRate() {
        double omega = Math.toRadians(3);
        for (GaussianFilter filter : new GaussianFilter[]{new ExtendedKalmanFilter(CT), new UnscentedKalmanFilter(CT, 1, 2, 0)}) {
            Random random = new Random(11);
            DMatrixRMaj truth = Matrices.column(0, 15, 0, 0, omega);
            DMatrixRMaj next = new DMatrixRMaj(5, 1);
            filter.initialise(Matrices.column(0, 15, 0, 0, 0), Matrices.diagonal(9, 4, 9, 4, 1e-3), 0);
            DMatrixRMaj R = Matrices.diagonal(4, 4);
            PositionMeasurement h = new PositionMeasurement(2);
            double squaredErrors = 0;
            double turnRates = 0;
            for (int k = 0; k < 120; k++) {
                CT.propagate(1, truth, next);
                truth.setTo(next);
                filter.predict(1);
                filter.update(h, Matrices.column(truth.get(0) + 2 * random.nextGaussian(), truth.get(2) + 2 * random.nextGaussian()),
                        R, Gate.NONE);
                if (k >= 60) {
                    turnRates += filter.mean().get(4);
                    squaredErrors += Math.pow(filter.mean().get(0) - truth.get(0), 2) + Math.pow(filter.mean().get(2) - truth.get(2), 2);
                }
            }
            assertThat(turnRates / 60).as(filter.toString()).isCloseTo(omega, within(0.003));
            // a raw detection is 2.83 m off (σ = 2 per axis); the filter does better
            assertThat(Math.sqrt(squaredErrors / 60)).as(filter.toString()).isLessThan(2.4);
        }
    }
}
