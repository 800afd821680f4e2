package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.linalg.SemidefiniteCholesky;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Seeded truth and noisy measurements for the Monte Carlo tests of the adaptive and smoothing
 * kernels: x_k = F·x_{k−1} + w, w ~ N(0, Q(dt)); z = H·x + v, v ~ N(0, R).
 */
public final class TargetSimulation {

    private final Random random;

    public TargetSimulation(long seed) {
        this.random = new Random(seed);
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    /** A draw from N(mean, covariance). */
    public double[] draw(double[] mean, DMatrixRMaj covariance) {
        int n = mean.length;
        DMatrixRMaj L = new DMatrixRMaj(n, n);
        if (!SemidefiniteCholesky.factor(covariance, L)) {
            throw new IllegalArgumentException("not a covariance");
        }
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = random.nextGaussian();
        }
        double[] x = mean.clone();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                x[i] += L.get(i, k) * e[k];
            }
        }
        return x;
    }

    /** The truth dt seconds later under the model, with sampled process noise. */
    public double[] step(MotionModel model, double[] x, double dt) {
        int n = x.length;
        DMatrixRMaj F = new DMatrixRMaj(n, n);
        DMatrixRMaj Q = new DMatrixRMaj(n, n);
        model.transition(dt, F);
        model.processNoise(dt, Q);
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mean[i] += F.get(i, j) * x[j];
            }
        }
        return dt == 0 ? mean : draw(mean, Q);
    }

    /** z = H·x + v, v ~ N(0, R). */
    public double[] measure(DMatrixRMaj H, double[] x, DMatrixRMaj R) {
        double[] z = new double[H.numRows];
        for (int i = 0; i < H.numRows; i++) {
            for (int j = 0; j < x.length; j++) {
                z[i] += H.get(i, j) * x[j];
            }
        }
        double[] v = draw(new double[H.numRows], R);
        for (int i = 0; i < z.length; i++) {
            z[i] += v[i];
        }
        return z;
    }
}
