package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.linalg.SemidefiniteCholesky;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/** Seeded truth and measurement generation for the Monte Carlo tests. */
final class Simulation {

    private final Random random;

    Simulation(long seed) {
        this.random = new Random(seed);
    }

    double gaussian() {
        return random.nextGaussian();
    }

    /** A draw from N(mean, P). */
    double[] draw(double[] mean, DMatrixRMaj P) {
        int n = mean.length;
        DMatrixRMaj L = new DMatrixRMaj(n, n);
        if (!SemidefiniteCholesky.factor(P, L)) {
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

    /** The truth one step of dt later under the model (with sampled process noise). */
    double[] step(MotionModel model, double[] x, double dt) {
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
        return draw(mean, Q);
    }
}
