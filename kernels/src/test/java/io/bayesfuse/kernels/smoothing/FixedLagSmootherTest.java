package io.bayesfuse.kernels.smoothing;

import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.DiscreteWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.simulation.TargetSimulation;
import io.bayesfuse.kernels.stats.Consistency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fixed-lag smoothing against a batch Rauch–Tung–Striebel smoother written out here with explicit
 * inverses, and its accuracy on seeded Monte Carlo runs. Measured: constant velocity in 2-D
 * (q = 0.5), position sensor R = 4·I every second, 100 runs of 200 steps, lag 5: 2-D position RMSE
 * filtered 2.14, smoothed 1.31 (39% lower); the smoothed NEES averages 4.015, inside its 95% interval
 * [3.959, 4.041].
 */
class FixedLagSmootherTest {

    private static final PositionMeasurement POSITION = new PositionMeasurement(2);
    private static final double[] X0 = {0, 1, 0, 1};
    private static final DMatrixRMaj P0 = Matrices.diagonal(25, 4, 25, 4);
    private static final DMatrixRMaj R = Matrices.diagonal(4, 4);

    private static DMatrixRMaj measurementMatrix(MotionModel model) {
        DMatrixRMaj H = new DMatrixRMaj(2, 4);
        POSITION.jacobian(model.layout(), new DMatrixRMaj(4, 1), H);
        return H;
    }

    /** A filtered step: time, and the filter's moments after it. */
    private record Step(long time, DMatrixRMaj x, DMatrixRMaj P) {
    }

    /** Textbook RTS over filtered steps 0..last (Särkkä 2013, Theorem 8.2) with explicit inverses; returns the smoothed steps. */
    private static List<Step> batchRts(MotionModel model, List<Step> filtered, int last) {
        Step[] smoothed = new Step[last + 1];
        smoothed[last] = filtered.get(last);
        for (int k = last - 1; k >= 0; k--) {
            Step f = filtered.get(k);
            double dt = (filtered.get(k + 1).time() - f.time()) / 1000.0;
            DMatrixRMaj F = CommonOps_DDRM.identity(4);
            DMatrixRMaj Q = new DMatrixRMaj(4, 4);
            if (dt > 0) {
                model.transition(dt, F);
                model.processNoise(dt, Q);
            }
            DMatrixRMaj xPredicted = mult(F, f.x());
            DMatrixRMaj PPredicted = mult(mult(F, f.P()), CommonOps_DDRM.transpose(F, null));
            CommonOps_DDRM.addEquals(PPredicted, Q);
            DMatrixRMaj inverse = PPredicted.copy();
            CommonOps_DDRM.invert(inverse);
            DMatrixRMaj G = mult(mult(f.P(), CommonOps_DDRM.transpose(F, null)), inverse);
            DMatrixRMaj dx = smoothed[k + 1].x().copy();
            CommonOps_DDRM.subtractEquals(dx, xPredicted);
            DMatrixRMaj x = f.x().copy();
            CommonOps_DDRM.addEquals(x, mult(G, dx));
            DMatrixRMaj dP = smoothed[k + 1].P().copy();
            CommonOps_DDRM.subtractEquals(dP, PPredicted);
            DMatrixRMaj P = f.P().copy();
            CommonOps_DDRM.addEquals(P, mult(mult(G, dP), CommonOps_DDRM.transpose(G, null)));
            smoothed[k] = new Step(f.time(), x, P);
        }
        return List.of(smoothed);
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static void assertClose(double[] actual, DMatrixRMaj expected) {
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).isCloseTo(expected.data[i], within(1e-9 * Math.max(1, Math.abs(expected.data[i]))));
        }
    }

    @Test
    void fixedLagEstimatesEqualABatchRtsSmootherOverTheSameMeasurements() {
        // irregular times, two measurements at the same time (dt = 0) and a gated outlier (its filtered estimate is the prediction)
        MotionModel model = KinematicModel.constantVelocity(2, new DiscreteWhiteNoise(0.3));
        DMatrixRMaj H = measurementMatrix(model);
        TargetSimulation sim = new TargetSimulation(31);
        Random times = new Random(32);
        KalmanFilter filter = new KalmanFilter(model);
        filter.initialise(Matrices.column(X0), P0, 0);
        ChiSquareGate gate = new ChiSquareGate(0.999);
        double[] truth = sim.draw(X0, P0);
        List<Step> filtered = new ArrayList<>();
        int lag = 6;
        FixedLagSmoother smoother = new FixedLagSmoother(model, lag);
        SmootherWindow window = SmootherWindow.EMPTY;
        long time = 10_000;
        int gated = 0;
        for (int k = 0; k < 80; k++) {
            long dtMillis = k == 0 || k % 17 == 5 ? 0 : 100 + times.nextInt(1900);
            time += dtMillis;
            truth = sim.step(model, truth, dtMillis / 1000.0);
            double[] z = sim.measure(H, truth, R);
            if (k == 40) {
                z[0] += 200;
            }
            filter.predict(dtMillis / 1000.0);
            gated += filter.update(POSITION, Matrices.column(z), R, gate).outcome() == io.bayesfuse.kernels.filter.UpdateResult.Outcome.GATED ? 1 : 0;
            filtered.add(new Step(time, filter.mean().copy(), filter.covariance().copy()));
            window = smoother.append(window, time, filter.mean(), filter.covariance());
            assertThat(window.size()).isLessThanOrEqualTo(lag + 1);

            SmoothedEstimate smoothed = smoother.smooth(window);
            if (k < lag) {
                assertThat(smoothed).isNull();
                continue;
            }
            Step expected = batchRts(model, filtered, k).get(k - lag);
            assertThat(smoothed.time()).isEqualTo(expected.time());
            assertThat(smoothed.lag()).isEqualTo(lag);
            assertClose(smoothed.x(), expected.x());
            for (int i = 0; i < 4; i++) {
                double[] row = new double[4];
                System.arraycopy(expected.P().data, 4 * i, row, 0, 4);
                assertClose(smoothed.P()[i], new DMatrixRMaj(4, 1, true, row));
            }
        }
        assertThat(gated).isEqualTo(1);
        // and the whole window at once is the batch smoother over the window's steps given all measurements so far
        List<SmoothedEstimate> all = smoother.smoothAll(window);
        List<Step> batch = batchRts(model, filtered, filtered.size() - 1);
        for (int i = 0; i < all.size(); i++) {
            assertClose(all.get(i).x(), batch.get(filtered.size() - all.size() + i).x());
        }
    }

    @Test
    void smoothedEstimatesAreMoreAccurateThanFilteredOnesAndConsistent() {
        MotionModel model = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
        DMatrixRMaj H = measurementMatrix(model);
        int lag = 5;
        int runs = 100;
        int steps = 200;
        double filteredSquared = 0;
        double smoothedSquared = 0;
        double nees = 0;
        int count = 0;
        FixedLagSmoother smoother = new FixedLagSmoother(model, lag);
        for (int run = 0; run < runs; run++) {
            TargetSimulation sim = new TargetSimulation(500 + run);
            KalmanFilter filter = new KalmanFilter(model);
            filter.initialise(Matrices.column(X0), P0, 0);
            double[] truth = sim.draw(X0, P0);
            List<double[]> truths = new ArrayList<>();
            List<double[]> filteredMeans = new ArrayList<>();
            SmootherWindow window = SmootherWindow.EMPTY;
            for (int k = 0; k < steps; k++) {
                truth = sim.step(model, truth, 1);
                truths.add(truth);
                filter.predict(1);
                filter.update(POSITION, Matrices.column(sim.measure(H, truth, R)), R, Gate.NONE);
                filteredMeans.add(Matrices.toArray(filter.mean()));
                window = smoother.append(window, 1000L * k, filter.mean(), filter.covariance());
                SmoothedEstimate smoothed = smoother.smooth(window);
                if (k >= 20) {   // past the prior's influence
                    double[] t = truths.get(k - lag);
                    double[] f = filteredMeans.get(k - lag);
                    for (int axis : new int[]{0, 2}) {
                        filteredSquared += (f[axis] - t[axis]) * (f[axis] - t[axis]);
                        smoothedSquared += (smoothed.x()[axis] - t[axis]) * (smoothed.x()[axis] - t[axis]);
                    }
                    nees += Consistency.nees(t, Matrices.column(smoothed.x()), Matrices.of(smoothed.P()));
                    count++;
                }
            }
        }
        double filteredRmse = Math.sqrt(filteredSquared / count);   // of the 2-D position error
        double smoothedRmse = Math.sqrt(smoothedSquared / count);
        // the filter's steady-state position variance is 2.275 per axis (Riccati recursion), so √(2·2.275) = 2.133
        assertThat(filteredRmse).isCloseTo(2.133, within(0.05));
        assertThat(smoothedRmse).isLessThan(0.7 * filteredRmse);
        // the smoothed covariance is honest: NEES averaged over all runs and steps within the 95% interval
        double[] interval = Consistency.averageInterval(4, count, 0.95);
        assertThat(nees / count).isBetween(interval[0], interval[1]);
    }

    @Test
    void aWindowKeepsTheLastLagPlusOneEstimatesOldestFirst() {
        MotionModel model = KinematicModel.constantVelocity(1, new ContinuousWhiteNoise(1));
        FixedLagSmoother smoother = new FixedLagSmoother(model, 2);
        SmootherWindow window = SmootherWindow.EMPTY;
        for (long t = 1; t <= 5; t++) {
            window = smoother.append(window, t, Matrices.column(t, 0), Matrices.diagonal(1, 1));
        }
        assertThat(window.times()).containsExactly(3, 4, 5);
        assertThat(window.filtered().get(0).x()).containsExactly(3, 0);
        assertThat(window.dropNewest(2).times()).containsExactly(3);
    }
}
