package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.testsupport.LinearGaussianSimulation;
import io.bayesfuse.testsupport.PlainMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * Seeded truth and noisy measurements for the Monte Carlo tests of the kernels, in their types (a
 * {@link MotionModel}, EJML matrices): x_k = F·x_{k−1} + w, w ~ N(0, Q(dt)); z = H·x + v, v ~ N(0, R).
 * The draws are the shared {@link LinearGaussianSimulation}'s.
 */
public final class TargetSimulation {

    private final LinearGaussianSimulation simulation;

    public TargetSimulation(long seed) {
        this.simulation = LinearGaussianSimulation.seeded(seed);
    }

    public double gaussian() {
        return simulation.gaussian();
    }

    /** A draw from N(mean, covariance). */
    public double[] draw(double[] mean, DMatrixRMaj covariance) {
        return simulation.draw(mean, rows(covariance));
    }

    /** The truth dt seconds later under the model, with sampled process noise (none for dt = 0). */
    public double[] step(MotionModel model, double[] x, double dt) {
        int n = x.length;
        DMatrixRMaj F = new DMatrixRMaj(n, n);
        DMatrixRMaj Q = new DMatrixRMaj(n, n);
        model.transition(dt, F);
        model.processNoise(dt, Q);
        return dt == 0 ? PlainMatrix.multiply(rows(F), x) : simulation.step(rows(F), rows(Q), x);
    }

    /** z = H·x + v, v ~ N(0, R). */
    public double[] measure(DMatrixRMaj H, double[] x, DMatrixRMaj R) {
        return simulation.measure(rows(H), x, rows(R));
    }

    private static double[][] rows(DMatrixRMaj M) {
        double[][] rows = new double[M.numRows][M.numCols];
        for (int i = 0; i < M.numRows; i++) {
            for (int j = 0; j < M.numCols; j++) {
                rows[i][j] = M.get(i, j);
            }
        }
        return rows;
    }
}
