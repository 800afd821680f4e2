package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The preconditioners of a fusion node's C children (Chan, Pollock, Johansen &amp; Roberts 2023):
 * each child's covariance Λ_c = R_cR_cᵀ (its Brownian motion's covariance), Λ_c⁻¹, the fused
 * Λ̄ = (Σ_c Λ_c⁻¹)⁻¹ = R̄R̄ᵀ and B_c = Λ̄Λ_c⁻¹, with which the tuples' weighted centre is
 * x̃ = Σ_c B_c x⁽ᶜ⁾. Row-major d×d arrays.
 */
final class Preconditioner {

    final int d;
    final double[][] R;
    final double[][] Rinv;
    final double[][] LambdaInv;
    final double[] Rbar;
    final double[][] B;

    private Preconditioner(int d, double[][] R, double[][] Rinv, double[][] LambdaInv, double[] Rbar, double[][] B) {
        this.d = d;
        this.R = R;
        this.Rinv = Rinv;
        this.LambdaInv = LambdaInv;
        this.Rbar = Rbar;
        this.B = B;
    }

    /**
     * @throws FusionFailedException when a child's covariance, or their summed precision, is not positive definite
     */
    static Preconditioner of(List<NodeFusion.Child> children, int d) {
        int C = children.size();
        double[][] R = new double[C][];
        double[][] Rinv = new double[C][];
        double[][] LambdaInv = new double[C][];
        double[] precisionSum = new double[d * d];
        CholeskySolver cholesky = new CholeskySolver();
        for (int c = 0; c < C; c++) {
            DMatrixRMaj Lambda = DMatrixRMaj.wrap(d, d, children.get(c).covariance().clone());
            if (!cholesky.decompose(Lambda)) {
                throw new FusionFailedException("the draws of child " + c + " have a covariance that is not positive definite");
            }
            DMatrixRMaj f = new DMatrixRMaj(d, d);
            cholesky.lowerFactor(f);
            R[c] = f.data.clone();
            Rinv[c] = SmallMatrices.lowerInverse(R[c], d);
            DMatrixRMaj inverse = new DMatrixRMaj(d, d);
            cholesky.invert(inverse);
            LambdaInv[c] = inverse.data.clone();
            for (int i = 0; i < d * d; i++) {
                precisionSum[i] += LambdaInv[c][i];
            }
        }
        if (!cholesky.decompose(DMatrixRMaj.wrap(d, d, precisionSum.clone()))) {
            throw new FusionFailedException("the summed precision of the children is not positive definite");
        }
        DMatrixRMaj LambdaBarM = new DMatrixRMaj(d, d);
        cholesky.invert(LambdaBarM);
        double[] LambdaBar = LambdaBarM.data.clone();
        if (!cholesky.decompose(LambdaBarM)) {
            throw new FusionFailedException("the fused preconditioner is not positive definite");
        }
        DMatrixRMaj RbarM = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(RbarM);
        double[][] B = new double[C][];
        for (int c = 0; c < C; c++) {
            B[c] = SmallMatrices.multiply(LambdaBar, LambdaInv[c], d);
        }
        return new Preconditioner(d, R, Rinv, LambdaInv, RbarM.data.clone(), B);
    }

    int children() {
        return R.length;
    }

    /** x̃ = Σ_c B_c x⁽ᶜ⁾ of tuple j (X[c] holds child c's entries, M × d). */
    void combine(double[][] X, int j, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int c = 0; c < X.length; c++) {
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += B[c][i * d + k] * X[c][j * d + k];
                }
                out[i] += v;
            }
        }
    }

    /** Σ_c (x⁽ᶜ⁾ − x̃)ᵀΛ_c⁻¹(x⁽ᶜ⁾ − x̃) of tuple j: the exponent of its initial weight ρ₀ times 2T. */
    double spread(double[][] X, int j, double[] xTilde, double[] diff) {
        combine(X, j, xTilde);
        double s = 0;
        for (int c = 0; c < X.length; c++) {
            for (int i = 0; i < d; i++) {
                diff[i] = X[c][j * d + i] - xTilde[i];
            }
            s += SmallMatrices.quadratic(LambdaInv[c], diff, d);
        }
        return s;
    }
}
