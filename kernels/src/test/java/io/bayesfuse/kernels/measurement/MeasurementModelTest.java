package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MeasurementModelTest {

    private static final StateLayout CV2 = StateLayout.kinematic(2, 1);
    private static final StateLayout CA3 = StateLayout.kinematic(3, 2);

    /** Central differences of h, for checking analytic Jacobians. */
    private static DMatrixRMaj numericJacobian(MeasurementModel h, StateLayout layout, double[] x) {
        int m = h.measurementSize();
        DMatrixRMaj J = new DMatrixRMaj(m, x.length);
        DMatrixRMaj zp = new DMatrixRMaj(1, 1);
        DMatrixRMaj zm = new DMatrixRMaj(1, 1);
        for (int j = 0; j < x.length; j++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += 1e-6;
            xm[j] -= 1e-6;
            h.predict(layout, DMatrixRMaj.wrap(x.length, 1, xp), zp);
            h.predict(layout, DMatrixRMaj.wrap(x.length, 1, xm), zm);
            for (int i = 0; i < m; i++) {
                J.set(i, j, Angles.wrap(zp.get(i) - zm.get(i)) / 2e-6);
            }
        }
        return J;
    }

    private static void assertJacobian(MeasurementModel h, StateLayout layout, double[] x) {
        DMatrixRMaj H = new DMatrixRMaj(1, 1);
        h.jacobian(layout, DMatrixRMaj.wrap(x.length, 1, x), H);
        DMatrixRMaj expected = numericJacobian(h, layout, x);
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                assertThat(H.get(i, j)).as("H[%d][%d]", i, j).isCloseTo(expected.get(i, j), within(1e-6));
            }
        }
    }

    @Test
    void rangeBearingMeasuresFromItsOrigin() {
        RangeBearingMeasurement h = new RangeBearingMeasurement(-200, -150);
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        h.predict(CV2, DMatrixRMaj.wrap(4, 1, new double[]{100, 1, 250, 1}), z);
        assertThat(z.get(0)).isCloseTo(500.0, within(1e-12));
        assertThat(z.get(1)).isCloseTo(Math.atan2(400, 300), within(1e-15));
    }

    @Test
    void rangeBearingJacobianMatchesNumericalDifferentiation() {
        assertJacobian(new RangeBearingMeasurement(-200, -150), CV2, new double[]{3, 1, -7, 2});
        assertJacobian(new RangeBearingMeasurement(5, 5), CA3, new double[]{-3, 1, 0.1, 7, 2, 0.3, 1, 1, 1});
    }

    @Test
    void rangeBearingElevationJacobianMatchesNumericalDifferentiation() {
        RangeBearingElevationMeasurement h = new RangeBearingElevationMeasurement(10, -20, 5);
        assertJacobian(h, CA3, new double[]{40, 1, 0.1, 20, 2, 0.3, 60, 1, 1});
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        h.predict(CA3, DMatrixRMaj.wrap(9, 1, new double[]{13, 0, 0, -16, 0, 0, 17, 0, 0}), z);
        assertThat(z.get(0)).isCloseTo(13.0, within(1e-12));          // |(3, 4, 12)|
        assertThat(z.get(1)).isCloseTo(Math.atan2(4, 3), within(1e-15));
        assertThat(z.get(2)).isCloseTo(Math.atan2(12, 5), within(1e-15));
    }

    @Test
    void bearingResidualsWrapAcrossPlusMinusPi() {
        RangeBearingMeasurement h = new RangeBearingMeasurement(0, 0);
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        h.residual(DMatrixRMaj.wrap(2, 1, new double[]{10, -Math.PI + 0.01}),
                DMatrixRMaj.wrap(2, 1, new double[]{9, Math.PI - 0.02}), y);
        assertThat(y.get(0)).isCloseTo(1.0, within(1e-15));
        assertThat(y.get(1)).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void wrappingLandsInTheHalfOpenInterval() {
        assertThat(Angles.wrap(Math.PI)).isEqualTo(Math.PI);
        assertThat(Angles.wrap(-Math.PI)).isEqualTo(Math.PI);
        assertThat(Angles.wrap(3 * Math.PI)).isCloseTo(Math.PI, within(1e-12));
        assertThat(Angles.wrap(-0.5)).isEqualTo(-0.5);
        assertThat(Angles.wrap(2 * Math.PI + 0.25)).isCloseTo(0.25, within(1e-12));
        assertThat(Angles.wrap(-7.0)).isCloseTo(-7.0 + 2 * Math.PI, within(1e-12));
    }

    @Test
    void theCircularMeanOfAnglesAroundPiIsNearPi() {
        double[] samples = {Math.PI - 0.1, -Math.PI + 0.1, Math.PI - 0.05};
        double mean = Angles.circularMean(samples, 0, 3, new double[]{1 / 3.0, 1 / 3.0, 1 / 3.0});
        assertThat(Math.abs(Angles.wrap(mean - (Math.PI - 0.05 / 3)))).isLessThan(1e-3);
    }

    @Test
    void positionObservesEveryAxisPosition() {
        PositionMeasurement h = new PositionMeasurement(3);
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        h.predict(CA3, DMatrixRMaj.wrap(9, 1, new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9}), z);
        assertThat(z.data).startsWith(1, 4, 7);
        assertJacobian(h, CA3, new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
    }

    @Test
    void aPositionSensorNeedsAKinematicStateWithEnoughAxes() {
        assertThatThrownBy(() -> new PositionMeasurement(3).requireCompatible("sensor 'gps'", CV2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sensor 'gps': measurement a position measurement of 3 axes needs at least 3 axes");
        assertThatThrownBy(() -> new RangeBearingMeasurement(0, 0).requireCompatible("sensor 'radar'", StateLayout.unstructured(4)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs a kinematic state");
    }

    @Test
    void aLinearModelWrittenForTheOutputLayoutFollowsQuantitiesIntoAnotherLayout() {
        // H observes velocity of axis 1 in the CA layout; in a CV layout that is index 1 as well, axis 2 velocity moves from 4 to 3
        double[][] H = new double[1][9];
        H[0][4] = 2.0;
        LinearMeasurement h = new LinearMeasurement("sensor 'doppler'", H, CA3);
        StateLayout cv3 = StateLayout.kinematic(3, 1);
        h.requireCompatible("sensor 'doppler'", cv3);
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        h.predict(cv3, DMatrixRMaj.wrap(6, 1, new double[]{0, 0, 0, 5, 0, 0}), z);
        assertThat(z.get(0)).isEqualTo(10.0);
        double[][] onAcceleration = new double[1][9];
        onAcceleration[0][2] = 1.0;
        LinearMeasurement accelerometer = new LinearMeasurement("sensor 'imu'", onAcceleration, CA3);
        assertThatThrownBy(() -> accelerometer.requireCompatible("sensor 'imu'", cv3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("observes state 2");
    }

    @Test
    void stateEvidenceSelectsItsComponentsAndRefusesABadPrior() {
        StateEvidenceMeasurement h = new StateEvidenceMeasurement("sensor 'net'", new int[]{0, 2},
                new double[][]{{4, 0}, {0, 4}}, null, CV2);
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        h.predict(CV2, DMatrixRMaj.wrap(4, 1, new double[]{1, 2, 3, 4}), z);
        assertThat(z.data).startsWith(1, 3);
        assertThat(h.priorPrecision().get(0, 0)).isCloseTo(0.25, within(1e-15));
        assertThatThrownBy(() -> new StateEvidenceMeasurement("sensor 'net'", new int[]{0, 2},
                new double[][]{{1, 2}, {2, 1}}, null, CV2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sensor 'net': priorCovariance is not positive definite");
        assertThatThrownBy(() -> new StateEvidenceMeasurement("sensor 'net'", new int[]{0, 7},
                new double[][]{{1, 0}, {0, 1}}, null, CV2))
                .hasMessageContaining("components holds index 7 outside the state");
    }
}
