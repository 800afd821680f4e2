package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How far apart two Gaussian estimates of the same quantity are:
 * <pre>
 *   χ² = (xₐ − x_b)ᵀ (Pₐ + P_b)⁻¹ (xₐ − x_b),   d degrees of freedom,
 * </pre>
 * which follows χ²_d when both are consistent and their errors independent (Bar-Shalom, Li &amp;
 * Kirubarajan 2001, the track-to-track association test without cross-covariance).
 */
public final class GaussianDisagreement {

    private GaussianDisagreement() {
    }

    /** The χ² of {@code a} against {@code b}, NaN when Pₐ + P_b is not positive definite. */
    public static double chiSquare(Gaussian a, Gaussian b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("estimates of dimension " + d + " and " + b.dimension() + " cannot be compared");
        }
        DMatrixRMaj S = new DMatrixRMaj(d, d);
        CommonOps_DDRM.add(a.covarianceMatrix(), b.covarianceMatrix(), S);
        DMatrixRMaj r = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.subtract(a.meanVector(), b.meanVector(), r);
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(S)) {
            return Double.NaN;
        }
        return cholesky.quadraticForm(r);
    }
}
