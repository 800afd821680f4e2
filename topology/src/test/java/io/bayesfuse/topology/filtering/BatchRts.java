package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.testsupport.NearlyConstantVelocity;

import java.util.List;

import static io.bayesfuse.testsupport.PlainMatrix.add;
import static io.bayesfuse.testsupport.PlainMatrix.inverse;
import static io.bayesfuse.testsupport.PlainMatrix.multiply;
import static io.bayesfuse.testsupport.PlainMatrix.transpose;

/**
 * A batch Rauch–Tung–Striebel smoother written for the tests with plain arrays and Gauss–Jordan
 * inversion, independent of the kernels' Cholesky-based one: over a window of filtered estimates of
 * a 2-D constant-velocity state [p1, v1, p2, v2] with continuous white-noise acceleration q, it runs
 * the backward pass from the newest (whose smoothed estimate is the filtered one) to the oldest:
 * x⁻ = F x, P⁻ = F P Fᵀ + Q, G = P Fᵀ (P⁻)⁻¹, xˢ = x + G (xˢ − x⁻), Pˢ = P + G (Pˢ − P⁻) Gᵀ.
 */
final class BatchRts {

    private BatchRts() {
    }

    /** {x (4), P (16, row-major)} smoothed at the window's oldest estimate given all of it. */
    static double[][] smoothOldest(List<Estimate> window, double q) {
        int last = window.size() - 1;
        double[] xs = mean(window.get(last));
        double[][] Ps = covariance(window.get(last));
        for (int k = last - 1; k >= 0; k--) {
            double dt = (window.get(k + 1).getTimestamp().toEpochMilli() - window.get(k).getTimestamp().toEpochMilli()) / 1000.0;
            double[] x = mean(window.get(k));
            double[][] P = covariance(window.get(k));
            double[][] F = NearlyConstantVelocity.transition(dt);
            double[][] Q = NearlyConstantVelocity.processNoise(dt, q);
            double[] xp = multiply(F, x);
            double[][] Pp = add(multiply(multiply(F, P), transpose(F)), Q, 1);
            double[][] G = multiply(multiply(P, transpose(F)), inverse(Pp));
            double[] dx = new double[4];
            for (int i = 0; i < 4; i++) {
                dx[i] = xs[i] - xp[i];
            }
            double[] gdx = multiply(G, dx);
            double[] nx = new double[4];
            for (int i = 0; i < 4; i++) {
                nx[i] = x[i] + gdx[i];
            }
            double[][] dP = new double[4][4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    dP[i][j] = Ps[i][j] - Pp[i][j];
                }
            }
            xs = nx;
            Ps = add(P, multiply(multiply(G, dP), transpose(G)), 1);
        }
        double[] flat = new double[16];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(Ps[i], 0, flat, 4 * i, 4);
        }
        return new double[][]{xs, flat};
    }

    private static double[] mean(Estimate e) {
        return e.getMean().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[][] covariance(Estimate e) {
        double[][] P = new double[4][4];
        for (int i = 0; i < 16; i++) {
            P[i / 4][i % 4] = e.getCovariance().getValues().get(i);
        }
        return P;
    }
}
