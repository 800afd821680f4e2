package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightedMeasurementMomentsTest {

    private final RangeBearingMeasurement h = new RangeBearingMeasurement(0, 0);   // (range, bearing): bearing is an angle
    private final double[] w = {0.25, 0.25, 0.5};
    /** A row per point: ranges 10, 20, 30; bearings either side of ±π. */
    private final double[] rows = {10, Math.PI - 0.1, 20, -Math.PI + 0.1, 30, Math.PI};

    @Test
    void theMeanIsLinearForARangeAndCircularForABearing() {
        double[] zHat = new double[2];
        WeightedMeasurementMoments.mean(h, w, 3, rows, 2, 1, zHat);
        assertThat(zHat[0]).isCloseTo(0.25 * 10 + 0.25 * 20 + 0.5 * 30, within(1e-12));
        assertThat(Math.abs(zHat[1])).isCloseTo(Math.PI, within(1e-12));   // not the arithmetic mean, ≈ π/2
    }

    @Test
    void aColumnPerPointGivesTheSameBitsAsARowPerPoint() {
        double[] columns = {10, 20, 30, Math.PI - 0.1, -Math.PI + 0.1, Math.PI};
        double[] byRow = new double[2];
        double[] byColumn = new double[2];
        WeightedMeasurementMoments.mean(h, w, 3, rows, 2, 1, byRow);
        WeightedMeasurementMoments.mean(h, w, 3, columns, 1, 3, byColumn);
        assertThat(byColumn).containsExactly(byRow);
        double[] dRow = new double[2];
        double[] dColumn = new double[2];
        for (int i = 0; i < 3; i++) {
            WeightedMeasurementMoments.deviation(h, rows, i, 2, 1, byRow, dRow);
            WeightedMeasurementMoments.deviation(h, columns, i, 1, 3, byColumn, dColumn);
            assertThat(dColumn).containsExactly(dRow);
        }
    }

    @Test
    void aBearingDeviationIsWrappedAcrossPlusMinusPi() {
        double[] zHat = {20, Math.PI};
        double[] d = new double[2];
        WeightedMeasurementMoments.deviation(h, rows, 1, 2, 1, zHat, d);
        assertThat(d[0]).isEqualTo(0.0);
        assertThat(d[1]).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void theWeightedOuterProductIsAddedToTheTarget() {
        double[] S = {1, 0, 0, 1};
        WeightedMeasurementMoments.addWeightedOuter(S, 0.5, new double[]{2, 4}, 2, new double[]{2, 4}, 2);
        assertThat(S).containsExactly(3, 4, 4, 9);
    }
}
