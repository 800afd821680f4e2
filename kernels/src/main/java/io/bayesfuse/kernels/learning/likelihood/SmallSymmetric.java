package io.bayesfuse.kernels.learning.likelihood;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Operations on small symmetric K×K matrices (row-major arrays) of the outputs of one example.
 */
public final class SmallSymmetric {

    private SmallSymmetric() {
    }

    /** The lower Cholesky factor of A (a new array), or null when A is not positive definite. */
    public static double[] cholesky(double[] A, int K) {
        double[] L = new double[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = A[i * K + j];
                for (int k = 0; k < j; k++) {
                    sum -= L[i * K + k] * L[j * K + k];
                }
                if (i == j) {
                    if (!(sum > 0) || !Double.isFinite(sum)) {
                        return null;
                    }
                    L[i * K + i] = Math.sqrt(sum);
                } else {
                    L[i * K + j] = sum / L[j * K + j];
                }
            }
        }
        return L;
    }

    /** x = A⁻¹b from the lower Cholesky factor L of A. */
    public static double[] solve(double[] L, double[] b, int K) {
        double[] x = new double[K];
        for (int i = 0; i < K; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= L[i * K + k] * x[k];
            }
            x[i] = sum / L[i * K + i];
        }
        for (int i = K - 1; i >= 0; i--) {
            double sum = x[i];
            for (int k = i + 1; k < K; k++) {
                sum -= L[k * K + i] * x[k];
            }
            x[i] = sum / L[i * K + i];
        }
        return x;
    }

    /** A⁻¹ from the lower Cholesky factor L of A (exactly symmetric). */
    public static double[] inverse(double[] L, int K) {
        double[] inverse = new double[K * K];
        double[] e = new double[K];
        for (int c = 0; c < K; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            double[] column = solve(L, e, K);
            for (int r = 0; r < K; r++) {
                inverse[r * K + c] = column[r];
            }
        }
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * (inverse[i * K + j] + inverse[j * K + i]);
                inverse[i * K + j] = mean;
                inverse[j * K + i] = mean;
            }
        }
        return inverse;
    }

    /** log det A from its lower Cholesky factor. */
    public static double logDeterminant(double[] L, int K) {
        double sum = 0;
        for (int i = 0; i < K; i++) {
            sum += Math.log(L[i * K + i]);
        }
        return 2 * sum;
    }

    /** x = A⁻¹b for a general (non-symmetric) K×K A, by Gaussian elimination with partial pivoting. */
    public static double[] solveGeneral(double[] A, double[] b, int K) {
        double[] M = A.clone();
        double[] x = b.clone();
        for (int col = 0; col < K; col++) {
            int pivot = col;
            for (int r = col + 1; r < K; r++) {
                if (Math.abs(M[r * K + col]) > Math.abs(M[pivot * K + col])) {
                    pivot = r;
                }
            }
            if (pivot != col) {
                for (int c = 0; c < K; c++) {
                    double t = M[col * K + c];
                    M[col * K + c] = M[pivot * K + c];
                    M[pivot * K + c] = t;
                }
                double t = x[col];
                x[col] = x[pivot];
                x[pivot] = t;
            }
            double diagonal = M[col * K + col];
            for (int r = col + 1; r < K; r++) {
                double f = M[r * K + col] / diagonal;
                for (int c = col; c < K; c++) {
                    M[r * K + c] -= f * M[col * K + c];
                }
                x[r] -= f * x[col];
            }
        }
        for (int r = K - 1; r >= 0; r--) {
            double sum = x[r];
            for (int c = r + 1; c < K; c++) {
                sum -= M[r * K + c] * x[c];
            }
            x[r] = sum / M[r * K + r];
        }
        return x;
    }

    /**
     * R with R·Rᵀ = A⁺, the positive part of a symmetric A (negative eigenvalues, which only rounding
     * makes here, set to 0): R = Q·diag(√max(λ, 0)).
     */
    public static double[] positiveRoot(double[] A, int K) {
        if (K == 1) {
            return new double[]{Math.sqrt(Math.max(A[0], 0))};
        }
        DMatrixRMaj M = new DMatrixRMaj(K, K, true, A);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(K, true, true);
        if (!eig.decompose(M)) {
            throw new IllegalStateException("eigen-decomposition of a " + K + "x" + K + " symmetric matrix failed");
        }
        double[] R = new double[K * K];
        for (int c = 0; c < K; c++) {
            double lambda = Math.max(eig.getEigenvalue(c).getReal(), 0);
            DMatrixRMaj q = eig.getEigenVector(c);
            double s = Math.sqrt(lambda);
            for (int r = 0; r < K; r++) {
                R[r * K + c] = q.get(r, 0) * s;
            }
        }
        return R;
    }
}
