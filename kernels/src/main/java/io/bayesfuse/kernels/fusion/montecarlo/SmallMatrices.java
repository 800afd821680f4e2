package io.bayesfuse.kernels.fusion.montecarlo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The few small dense-matrix operations of the fusion (d×d row-major arrays, d small), written out
 * so that the per-draw loops allocate nothing.
 */
final class SmallMatrices {

    private SmallMatrices() {
    }

    /** out[outOffset..] = A x[offset..] for a lower-triangular A. */
    static void lowerMultiply(double[] A, double[] x, int offset, double[] out, int outOffset, int d) {
        for (int i = d - 1; i >= 0; i--) {
            double v = 0;
            for (int k = 0; k <= i; k++) {
                v += A[i * d + k] * x[offset + k];
            }
            out[outOffset + i] = v;
        }
    }

    /** R⁻¹ of a lower-triangular R. */
    static double[] lowerInverse(double[] R, int d) {
        double[] inv = new double[d * d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < d; i++) {
                double s = i == c ? 1.0 : 0.0;
                for (int k = 0; k < i; k++) {
                    s -= R[i * d + k] * inv[k * d + c];
                }
                inv[i * d + c] = s / R[i * d + i];
            }
        }
        return inv;
    }

    /** RᵀPR for the d×d block of P at {@code offset}. */
    static double[] congruence(double[] R, double[] P, int offset, int d) {
        double[] PR = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += P[offset + i * d + k] * R[k * d + j];
                }
                PR[i * d + j] = s;
            }
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += R[k * d + i] * PR[k * d + j];
                }
                out[i * d + j] = s;
                out[j * d + i] = s;
            }
        }
        return out;
    }

    /** AB. */
    static double[] multiply(double[] A, double[] B, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += A[i * d + k] * B[k * d + j];
                }
                out[i * d + j] = s;
            }
        }
        return out;
    }

    /** xᵀAx. */
    static double quadratic(double[] A, double[] x, int d) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += A[i * d + k] * x[k];
            }
            q += x[i] * s;
        }
        return q;
    }

    static double trace(double[] A, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += A[i * d + i];
        }
        return t;
    }

    /** |A| elementwise. */
    static double[] abs(double[] A) {
        double[] out = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            out[i] = Math.abs(A[i]);
        }
        return out;
    }

    /** The smallest eigenvalue of a symmetric positive definite A, a little below against rounding, never negative. */
    static double smallestEigenvalue(EigenDecomposition_F64<DMatrixRMaj> eig, double[] A, int d) {
        if (!eig.decompose(DMatrixRMaj.wrap(d, d, A.clone()))) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            min = Math.min(min, eig.getEigenvalue(i).getReal());
        }
        return Math.max(0, min * (1 - 1e-9));
    }

    static EigenDecomposition_F64<DMatrixRMaj> eigenvalues(int d) {
        return DecompositionFactory_DDRM.eig(d, false, true);
    }
}
