package io.bayesfuse.kernels.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A lower-triangular L with L·Lᵀ = A for a symmetric positive <em>semi</em>-definite A, such as
 * the rank-deficient discrete-white-noise Q (σ²·Γ·Γᵀ per axis). Pivots that fall to (relative)
 * zero give a zero column instead of a failure. Used to draw samples from N(0, A).
 */
public final class SemidefiniteCholesky {

    /** Pivots below this fraction of the largest diagonal entry count as zero. */
    static final double RELATIVE_ZERO = 1e-12;

    private SemidefiniteCholesky() {
    }

    /**
     * Fills {@code L} (reshaped to n×n).
     *
     * @return false when A has a clearly negative pivot or a non-finite entry (it is not PSD)
     */
    public static boolean factor(DMatrixRMaj A, DMatrixRMaj L) {
        int n = A.numRows;
        L.reshape(n, n);
        L.zero();
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(A.unsafe_get(i, i)));
        }
        double zero = RELATIVE_ZERO * scale;
        double[] l = L.data;
        for (int j = 0; j < n; j++) {
            double d = A.unsafe_get(j, j);
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            if (!Double.isFinite(d) || d < -Math.max(zero, 1e-300)) {
                return false;
            }
            if (d <= zero) {
                continue;   // a zero pivot: this column of L stays zero
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = A.unsafe_get(i, j);
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return true;
    }
}
