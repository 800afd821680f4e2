package io.bayesfuse.kernels.learning.dense;

import io.bayesfuse.kernels.learning.likelihood.SmallSymmetric;

import java.util.Arrays;

/** Row-major K×K matrices and K-vectors in the outputs' space, for the assumed-density update. */
final class SmallMatrices {

    private SmallMatrices() {
    }

    /** A·B for a K×K matrix A and a K×K matrix or a K-vector B. */
    static double[] multiply(double[] A, double[] B) {
        int K = (int) Math.round(Math.sqrt(A.length));
        if (B.length == K) {
            double[] out = new double[K];
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    out[i] += A[i * K + j] * B[j];
                }
            }
            return out;
        }
        double[] out = new double[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double sum = 0;
                for (int c = 0; c < K; c++) {
                    sum += A[i * K + c] * B[c * K + j];
                }
                out[i * K + j] = sum;
            }
        }
        return out;
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** A + I. */
    static double[] plusIdentity(double[] A) {
        int K = (int) Math.round(Math.sqrt(A.length));
        double[] out = A.clone();
        for (int i = 0; i < K; i++) {
            out[i * K + i] += 1;
        }
        return out;
    }

    /** A⁻¹ of a general (not necessarily symmetric) A, column by column. */
    static double[] inverseGeneral(double[] A) {
        int K = (int) Math.round(Math.sqrt(A.length));
        double[] inverse = new double[K * K];
        double[] e = new double[K];
        for (int c = 0; c < K; c++) {
            Arrays.fill(e, 0);
            e[c] = 1;
            double[] column = SmallSymmetric.solveGeneral(A, e, K);
            for (int r = 0; r < K; r++) {
                inverse[r * K + c] = column[r];
            }
        }
        return inverse;
    }

    /** Replaces V by ½(V + Vᵀ). */
    static void symmetrise(double[] V, int K) {
        for (int k = 0; k < K; k++) {
            for (int l = 0; l < k; l++) {
                double mean = 0.5 * (V[k * K + l] + V[l * K + k]);
                V[k * K + l] = mean;
                V[l * K + k] = mean;
            }
        }
    }
}
