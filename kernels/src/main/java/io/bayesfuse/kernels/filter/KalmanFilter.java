package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Kalman filter for linear measurement models, with the Joseph-form covariance update
 * (FilterPy {@code KalmanFilter.update}; Bar-Shalom et al. 2001, §5.2):
 * <pre>
 * y = z − H·x              S = H·P·Hᵀ + R
 * K = P·Hᵀ·S⁻¹             (a Cholesky solve S·Kᵀ = H·P, never an explicit inverse)
 * x = x + K·y              P = (I − K·H)·P·(I − K·H)ᵀ + K·R·Kᵀ
 * </pre>
 * The Joseph form keeps P symmetric positive semi-definite even with a suboptimal gain.
 */
public class KalmanFilter extends GaussianFilter {

    private final DMatrixRMaj H = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj HP = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Kt = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj K = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj KR = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj IKH;
    /** The noise of the pending update (the caller's matrix, valid during update). */
    private DMatrixRMaj R;

    public KalmanFilter(MotionModel motion) {
        super(motion);
        this.IKH = new DMatrixRMaj(n, n);
    }

    /** Whether this filter linearises nonlinear models (the EKF) or refuses them (the KF). */
    protected boolean linearises() {
        return false;
    }

    @Override
    protected DMatrixRMaj H() {
        return H;
    }

    @Override
    protected boolean innovate(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R) {
        if (!h.isLinear() && !linearises()) {
            throw new InvalidInputException(Problem.INCONSISTENT, "filter kf", "measurement",
                    h + " is nonlinear: use an ekf or ukf filter");
        }
        this.R = R;
        return linearisedInnovation(h, z, R);
    }

    @Override
    protected boolean correct() {
        int m = y.numRows;
        // Kᵀ = S⁻¹·(H·P), since (P·Hᵀ)ᵀ = H·P for a symmetric P
        HP.reshape(m, n);
        CommonOps_DDRM.transpose(PHt, HP);
        sSolver.solve(HP, Kt);
        K.reshape(n, m);
        CommonOps_DDRM.transpose(Kt, K);
        // x = x + K·y
        CommonOps_DDRM.multAdd(K, y, x);
        // P = (I − K·H)·P·(I − K·H)ᵀ + K·R·Kᵀ
        CommonOps_DDRM.mult(-1.0, K, H(), IKH);
        for (int i = 0; i < n; i++) {
            IKH.data[i * n + i] += 1.0;
        }
        CommonOps_DDRM.mult(IKH, P, nnWork);
        CommonOps_DDRM.multTransB(nnWork, IKH, P);
        CommonOps_DDRM.mult(K, R, KR);
        CommonOps_DDRM.multAddTransB(KR, K, P);
        return true;
    }

    @Override
    public String toString() {
        return "Kalman filter on " + motion;
    }
}
