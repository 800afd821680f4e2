package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Discriminative Kalman Filter update (Burkhart et al. 2020, Neural Computation 32(5)), generalised to
 * evidence on a selection H of the state and a stationary prior N(μ₀, S) of those components:
 * <pre>
 * P⁺⁻¹ = P⁻¹ + Hᵀ·(Q(z)⁻¹ − S⁻¹)·H
 * x⁺   = P⁺·(P⁻¹·x + Hᵀ·(Q(z)⁻¹·f(z) − S⁻¹·μ₀))
 * </pre>
 * where f(z) is the measurement's value and Q(z) its R. When P⁺⁻¹ would not be positive definite
 * the −S⁻¹ terms are dropped (the paper's fallback, making it an ordinary information update with
 * noise Q(z)). Inverses are Cholesky solves; buffers are reused.
 */
final class DiscriminativeUpdate {

    private final CholeskySolver solver = new CholeskySolver();
    private final DMatrixRMaj Lambda;
    private final DMatrixRMaj eta;
    private final DMatrixRMaj posteriorPrecision;
    private final DMatrixRMaj Qinv = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj D = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj HtD = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj b = new DMatrixRMaj(1, 1);

    DiscriminativeUpdate(int n) {
        this.Lambda = new DMatrixRMaj(n, n);
        this.eta = new DMatrixRMaj(n, 1);
        this.posteriorPrecision = new DMatrixRMaj(n, n);
    }

    /**
     * Replaces x and P by the DKF posterior.
     *
     * @param H the selection matrix (m×n) of the evidence in this state's layout
     * @param f f(z), the evidence mean (m×1)
     * @param Qz Q(z), the evidence covariance (m×m)
     * @return false when P or Q(z) has no Cholesky factor
     */
    boolean apply(DMatrixRMaj x, DMatrixRMaj P, DMatrixRMaj H, DMatrixRMaj f, DMatrixRMaj Qz,
                  StateEvidenceMeasurement evidence) {
        if (!solver.decompose(P)) {
            return false;
        }
        solver.invert(Lambda);                        // Λ = P⁻¹
        CommonOps_DDRM.mult(Lambda, x, eta);          // η = Λ·x
        if (!solver.decompose(Qz)) {
            return false;
        }
        solver.invert(Qinv);                          // Q(z)⁻¹
        CommonOps_DDRM.subtract(Qinv, evidence.priorPrecision(), D);   // Q(z)⁻¹ − S⁻¹
        boolean priorDropped = !posteriorPrecision(H, D);
        if (priorDropped) {
            D.setTo(Qinv);
            if (!posteriorPrecision(H, D)) {
                return false;
            }
        }
        // b = Q(z)⁻¹·f − S⁻¹·μ₀ (without the prior term when dropped); η += Hᵀ·b
        CommonOps_DDRM.mult(Qinv, f, b);
        if (!priorDropped) {
            CommonOps_DDRM.subtractEquals(b, evidence.priorInformationMean());
        }
        CommonOps_DDRM.multAddTransA(H, b, eta);
        solver.invert(P);                             // P⁺ = (P⁺⁻¹)⁻¹
        solver.solve(eta, x);                         // x⁺ = P⁺·η
        return true;
    }

    /** posteriorPrecision = Λ + Hᵀ·D·H, decomposed into the solver. @return whether it is positive definite */
    private boolean posteriorPrecision(DMatrixRMaj H, DMatrixRMaj D) {
        CommonOps_DDRM.multTransA(H, D, HtD);
        posteriorPrecision.setTo(Lambda);
        CommonOps_DDRM.multAdd(HtD, H, posteriorPrecision);
        return solver.decompose(posteriorPrecision);
    }
}
