package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.Estimate;

import java.util.List;

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
            double[][] F = new double[4][4];
            double[][] Q = new double[4][4];
            for (int p = 0; p < 4; p += 2) {
                F[p][p] = 1;
                F[p][p + 1] = dt;
                F[p + 1][p + 1] = 1;
                Q[p][p] = q * dt * dt * dt / 3;
                Q[p][p + 1] = q * dt * dt / 2;
                Q[p + 1][p] = q * dt * dt / 2;
                Q[p + 1][p + 1] = q * dt;
            }
            double[] xp = times(F, x);
            double[][] Pp = plus(times(times(F, P), transpose(F)), Q);
            double[][] G = times(times(P, transpose(F)), inverse(Pp));
            double[] dx = new double[4];
            for (int i = 0; i < 4; i++) {
                dx[i] = xs[i] - xp[i];
            }
            double[] gdx = times(G, dx);
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
            Ps = plus(P, times(times(G, dP), transpose(G)));
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

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < b.length; k++) {
                    sum += a[i][k] * b[k][j];
                }
                c[i][j] = sum;
            }
        }
        return c;
    }

    private static double[] times(double[][] a, double[] v) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < v.length; k++) {
                c[i] += a[i][k] * v[k];
            }
        }
        return c;
    }

    private static double[][] plus(double[][] a, double[][] b) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] + b[i][j];
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** Gauss–Jordan elimination with partial pivoting. */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            double d = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
