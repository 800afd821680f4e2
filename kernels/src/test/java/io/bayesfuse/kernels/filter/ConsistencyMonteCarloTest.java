package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.simulation.TargetSimulation;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.stats.Consistency;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monte Carlo consistency (Bar-Shalom et al. 2001, §5.4.2): over 200 seeded runs of a constant
 * velocity target, the NEES averaged over the runs at each step, then over the steps, lies inside
 * the two-sided 95% interval of χ²(n·runs)/runs. The KF sees the position sensor; the EKF and UKF
 * alternate position and range-bearing measurements.
 */
class ConsistencyMonteCarloTest {

    private static final int RUNS = 200;
    private static final int STEPS = 40;
    private static final double DT = 1.0;
    private static final MotionModel TRUTH = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final double[] X0 = {0, 1, 0, 1};
    private static final DMatrixRMaj P0 = Matrices.of(new double[][]{{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}});
    private static final PositionMeasurement POSITION = new PositionMeasurement(2);
    private static final DMatrixRMaj R_POSITION = Matrices.of(new double[][]{{4, 0}, {0, 4}});
    private static final RangeBearingMeasurement RADAR = new RangeBearingMeasurement(-200, -150);
    private static final DMatrixRMaj R_RADAR = Matrices.of(new double[][]{{1, 0}, {0, 1e-4}});

    /** The time average of the run-averaged NEES. */
    private static double averageNees(Function<MotionModel, RecursiveFilter> factory, MotionModel filterModel, boolean radar) {
        double[] sumPerStep = new double[STEPS];
        for (int run = 0; run < RUNS; run++) {
            TargetSimulation sim = new TargetSimulation(1000 + run);
            double[] truth = sim.draw(X0, P0);
            RecursiveFilter filter = factory.apply(filterModel);
            filter.initialise(Matrices.column(X0), P0, run);
            for (int k = 0; k < STEPS; k++) {
                truth = sim.step(TRUTH, truth, DT);
                filter.predict(DT);
                boolean useRadar = radar && k % 2 == 1;
                MeasurementModel h = useRadar ? RADAR : POSITION;
                DMatrixRMaj R = useRadar ? R_RADAR : R_POSITION;
                DMatrixRMaj z = new DMatrixRMaj(2, 1);
                h.predict(TRUTH.layout(), Matrices.column(truth), z);
                z.data[0] += Math.sqrt(R.get(0, 0)) * sim.gaussian();
                z.data[1] += Math.sqrt(R.get(1, 1)) * sim.gaussian();
                filter.update(h, z, R, Gate.NONE);
                sumPerStep[k] += Consistency.nees(truth, filter.mean(), filter.covariance());
            }
        }
        double total = 0;
        for (double s : sumPerStep) {
            total += s / RUNS;
        }
        return total / STEPS;
    }

    private static final double[] INTERVAL = Consistency.averageInterval(4, RUNS, 0.95);

    @Test
    void theKalmanFilterIsConsistent() {
        assertThat(averageNees(KalmanFilter::new, TRUTH, false)).isBetween(INTERVAL[0], INTERVAL[1]);
    }

    @Test
    void theExtendedKalmanFilterIsConsistentWithRangeBearingAndPositionSensors() {
        assertThat(averageNees(ExtendedKalmanFilter::new, TRUTH, true)).isBetween(INTERVAL[0], INTERVAL[1]);
    }

    @Test
    void theUnscentedKalmanFilterIsConsistentWithRangeBearingAndPositionSensors() {
        assertThat(averageNees(m -> new UnscentedKalmanFilter(m, 0.5, 2, 0), TRUTH, true)).isBetween(INTERVAL[0], INTERVAL[1]);
    }

    @Test
    void aFilterThatUnderstatesTheProcessNoiseFailsTheTest() {
        MotionModel overconfident = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.05));
        assertThat(averageNees(KalmanFilter::new, overconfident, false)).isGreaterThan(INTERVAL[1]);
    }
}
