package io.bayesfuse.kernels.smoothing;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One backward step of the Rauch–Tung–Striebel smoother (Rauch, Tung, Striebel 1965; Särkkä 2013,
 * "Bayesian Filtering and Smoothing", Theorem 8.2): from the filtered estimate (x, P) at step k and
 * the smoothed estimate (xˢ, Pˢ) at step k + 1, dt later,
 * <pre>
 * x⁻ = F·x                 P⁻ = F·P·Fᵀ + Q              (the prediction to k + 1)
 * G  = P·Fᵀ·(P⁻)⁻¹         (a Cholesky solve P⁻·Gᵀ = F·P, never an explicit inverse)
 * xˢ = x + G·(xˢ − x⁻)     Pˢ = P + G·(Pˢ − P⁻)·Gᵀ
 * </pre>
 * The motion models here are linear, so the same step smooths the output of the KF, EKF, UKF and
 * information filter: the nonlinearity of a sensor only enters through the filtered moments, and the
 * RTS smoother of those moments is what the extended and unscented RTS smoothers reduce to when the
 * dynamics are linear (Särkkä 2013, §9.1–9.2). A dt of 0 is no prediction (FORMAT.md): then G = I and
 * the smoothed estimate is carried back unchanged. Preallocated for the state size; not thread-safe.
 */
public final class RauchTungStriebel {

    private final MotionModel motion;
    private final int n;
    private final DMatrixRMaj F;
    private final DMatrixRMaj Q;
    private final DMatrixRMaj xPredicted;
    private final DMatrixRMaj PPredicted;
    private final DMatrixRMaj FP;
    private final DMatrixRMaj Gt;
    private final DMatrixRMaj G;
    private final DMatrixRMaj dx;
    private final DMatrixRMaj dP;
    private final DMatrixRMaj GdP;
    private final CholeskySolver solver = new CholeskySolver();

    public RauchTungStriebel(MotionModel motion) {
        this.motion = motion;
        this.n = motion.stateSize();
        this.F = new DMatrixRMaj(n, n);
        this.Q = new DMatrixRMaj(n, n);
        this.xPredicted = new DMatrixRMaj(n, 1);
        this.PPredicted = new DMatrixRMaj(n, n);
        this.FP = new DMatrixRMaj(n, n);
        this.Gt = new DMatrixRMaj(n, n);
        this.G = new DMatrixRMaj(n, n);
        this.dx = new DMatrixRMaj(n, 1);
        this.dP = new DMatrixRMaj(n, n);
        this.GdP = new DMatrixRMaj(n, n);
    }

    public MotionModel motionModel() {
        return motion;
    }

    /**
     * Replaces ({@code xs}, {@code Ps}), the smoothed estimate at step k + 1, by the smoothed estimate
     * at step k, whose filtered estimate is ({@code x}, {@code P}) and which lies {@code dt} seconds
     * before step k + 1.
     *
     * @return false when the predicted covariance P⁻ is not positive definite (nothing is changed then)
     */
    public boolean smoothStep(double dt, DMatrixRMaj x, DMatrixRMaj P, DMatrixRMaj xs, DMatrixRMaj Ps) {
        if (dt == 0) {
            return true;   // F = I, Q = 0: G = I, so xˢ_k = xˢ_{k+1} and Pˢ_k = Pˢ_{k+1}
        }
        motion.transition(dt, F);
        motion.processNoise(dt, Q);
        // x⁻ = F·x; P⁻ = F·P·Fᵀ + Q
        CommonOps_DDRM.mult(F, x, xPredicted);
        CommonOps_DDRM.mult(F, P, FP);
        CommonOps_DDRM.multTransB(FP, F, PPredicted);
        CommonOps_DDRM.addEquals(PPredicted, Q);
        Matrices.symmetrise(PPredicted);
        if (!solver.decompose(PPredicted)) {
            return false;
        }
        // Gᵀ = (P⁻)⁻¹·F·P, since (P·Fᵀ)ᵀ = F·P for a symmetric P
        solver.solve(FP, Gt);
        CommonOps_DDRM.transpose(Gt, G);
        // xˢ = x + G·(xˢ − x⁻)
        CommonOps_DDRM.subtract(xs, xPredicted, dx);
        xs.setTo(x);
        CommonOps_DDRM.multAdd(G, dx, xs);
        // Pˢ = P + G·(Pˢ − P⁻)·Gᵀ
        CommonOps_DDRM.subtract(Ps, PPredicted, dP);
        CommonOps_DDRM.mult(G, dP, GdP);
        Ps.setTo(P);
        CommonOps_DDRM.multAddTransB(GdP, G, Ps);
        Matrices.symmetrise(Ps);
        return true;
    }
}
