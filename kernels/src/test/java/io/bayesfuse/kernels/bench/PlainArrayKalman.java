package io.bayesfuse.kernels.bench;

import java.util.Arrays;

/**
 * The baseline for {@link FilterStepBenchmark}: the same Kalman step as the kernels' KF (F and
 * Q rebuilt from dt for a constant-velocity or constant-acceleration model, dense
 * x = F·x, P = F·P·Fᵀ + Q, S = H·P·Hᵀ + R, a Cholesky solve for K, the Joseph update) written
 * directly on preallocated double[] arrays with no library, no abstraction and no checks.
 */
final class PlainArrayKalman {

    private final int n;
    private final int m;
    private final int order;
    private final int axes;
    final double[] x;
    final double[] P;
    private final double[] F;
    private final double[] Q;
    private final double[] H;
    private final double[] R;
    private final double[] t1;
    private final double[] xt;
    private final double[] PHt;
    private final double[] S;
    private final double[] L;
    private final double[] K;
    private final double[] y;
    private final double[] A;
    private final double q;

    PlainArrayKalman(int axes, int order, double q, double r) {
        this.axes = axes;
        this.order = order;
        this.n = axes * (order + 1);
        this.m = axes;
        this.q = q;
        x = new double[n];
        P = new double[n * n];
        for (int i = 0; i < n; i++) {
            P[i * n + i] = 10;
        }
        F = new double[n * n];
        Q = new double[n * n];
        H = new double[m * n];
        for (int a = 0; a < axes; a++) {
            H[a * n + a * (order + 1)] = 1;
        }
        R = new double[m * m];
        for (int i = 0; i < m; i++) {
            R[i * m + i] = r;
        }
        t1 = new double[n * n];
        xt = new double[n];
        PHt = new double[n * m];
        S = new double[m * m];
        L = new double[m * m];
        K = new double[n * m];
        y = new double[m];
        A = new double[n * n];
    }

    /** F and Q (continuous white noise) of the per-axis Taylor blocks. */
    private void model(double dt) {
        Arrays.fill(F, 0);
        Arrays.fill(Q, 0);
        int w = order + 1;
        for (int a = 0; a < axes; a++) {
            int o = a * w;
            for (int i = 0; i < w; i++) {
                double term = 1;
                for (int j = i; j < w; j++) {
                    F[(o + i) * n + o + j] = term;
                    term *= dt / (j - i + 1);
                }
                for (int j = 0; j < w; j++) {
                    int p = 2 * order + 1 - i - j;
                    double dtp = dt;
                    for (int e = 1; e < p; e++) {
                        dtp *= dt;
                    }
                    Q[(o + i) * n + o + j] = q * dtp / (fact(order - i) * fact(order - j) * p);
                }
            }
        }
    }

    private static double fact(int k) {
        return k == 2 ? 2 : 1;
    }

    double step(double dt, double[] z) {
        model(dt);
        // x = F x
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += F[i * n + k] * x[k];
            }
            xt[i] = s;
        }
        System.arraycopy(xt, 0, x, 0, n);
        // P = F P Fᵀ + Q
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += F[i * n + k] * P[k * n + j];
                }
                t1[i * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = Q[i * n + j];
                for (int k = 0; k < n; k++) {
                    s += t1[i * n + k] * F[j * n + k];
                }
                P[i * n + j] = s;
            }
        }
        // y = z − H x; PHt = P Hᵀ; S = H PHt + R
        for (int i = 0; i < m; i++) {
            double s = z[i];
            for (int k = 0; k < n; k++) {
                s -= H[i * n + k] * x[k];
            }
            y[i] = s;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += P[i * n + k] * H[j * n + k];
                }
                PHt[i * m + j] = s;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = R[i * m + j];
                for (int k = 0; k < n; k++) {
                    s += H[i * n + k] * PHt[k * m + j];
                }
                S[i * m + j] = s;
            }
        }
        // Cholesky S = L Lᵀ
        for (int j = 0; j < m; j++) {
            double d = S[j * m + j];
            for (int k = 0; k < j; k++) {
                d -= L[j * m + k] * L[j * m + k];
            }
            double ljj = Math.sqrt(d);
            L[j * m + j] = ljj;
            for (int i = j + 1; i < m; i++) {
                double s = S[i * m + j];
                for (int k = 0; k < j; k++) {
                    s -= L[i * m + k] * L[j * m + k];
                }
                L[i * m + j] = s / ljj;
            }
        }
        // K = PHt S⁻¹: each row k of K solves S kᵀ = PHt[k]ᵀ
        double nis = 0;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < m; i++) {
                double s = PHt[r * m + i];
                for (int k = 0; k < i; k++) {
                    s -= L[i * m + k] * K[r * m + k];
                }
                K[r * m + i] = s / L[i * m + i];
            }
            for (int i = m - 1; i >= 0; i--) {
                double s = K[r * m + i];
                for (int k = i + 1; k < m; k++) {
                    s -= L[k * m + i] * K[r * m + k];
                }
                K[r * m + i] = s / L[i * m + i];
            }
        }
        for (int i = 0; i < m; i++) {
            double s = y[i];
            for (int k = 0; k < i; k++) {
                s -= L[i * m + k] * xt[k];
            }
            xt[i] = s / L[i * m + i];
            nis += xt[i] * xt[i];
        }
        // x += K y
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < m; k++) {
                s += K[i * m + k] * y[k];
            }
            x[i] += s;
        }
        // Joseph: A = I − K H; P = A P Aᵀ + K R Kᵀ
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < m; k++) {
                    s -= K[i * m + k] * H[k * n + j];
                }
                A[i * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += A[i * n + k] * P[k * n + j];
                }
                t1[i * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += t1[i * n + k] * A[j * n + k];
                }
                for (int a = 0; a < m; a++) {
                    double kr = 0;
                    for (int b = 0; b < m; b++) {
                        kr += K[i * m + b] * R[b * m + a];
                    }
                    s += kr * K[j * m + a];
                }
                P[i * n + j] = s;
            }
        }
        // symmetrise
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (P[i * n + j] + P[j * n + i]);
                P[i * n + j] = mean;
                P[j * n + i] = mean;
            }
        }
        return nis;
    }
}
