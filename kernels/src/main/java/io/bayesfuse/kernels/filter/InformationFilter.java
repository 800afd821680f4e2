package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The (extended) information filter: the state is the information matrix Y = P⁻¹ and vector
 * η = P⁻¹·x (Thrun, Burgard, Fox 2005, "Probabilistic Robotics", §3.5). Its update is additive,
 * <pre>
 * Y⁺ = Y + Hᵀ·R⁻¹·H          η⁺ = η + Hᵀ·R⁻¹·(y + H·x⁻)     (y = z ⊖ h(x⁻), H = ∂h/∂x(x⁻))
 * </pre>
 * which for a linear model is η + Hᵀ·R⁻¹·z; state evidence adds Hᵀ·(Q(z)⁻¹ − S⁻¹)·H and
 * Hᵀ·(Q(z)⁻¹·f − S⁻¹·μ₀) (the DKF in information form, with the same fallback as
 * {@link DiscriminativeUpdate}). The prediction goes through the covariance form,
 * P⁻ = F·Y⁻¹·Fᵀ + Q, Y⁻ = (P⁻)⁻¹, because Q may be singular. Every inverse is a Cholesky solve.
 * The NIS and gate use S = H·P⁻·Hᵀ + R as in the Kalman filter, so both filters gate alike.
 */
public final class InformationFilter extends LazyMomentsFilter implements SingleGaussianFilter {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final MotionModel motion;
    private final StateLayout layout;
    private final int n;
    private final DMatrixRMaj Y;
    private final DMatrixRMaj eta;
    private final DMatrixRMaj F;
    private final DMatrixRMaj Q;
    private final DMatrixRMaj nnWork;
    private final DMatrixRMaj xWork;
    private final CholeskySolver solver = new CholeskySolver();
    private final CholeskySolver sSolver = new CholeskySolver();
    private final DMatrixRMaj H = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj zPredicted = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj y = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj S = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj PHt = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Rinv = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj HtRinv = new DMatrixRMaj(1, 1);
    /** The measurement's information matrix R⁻¹, or Q(z)⁻¹ − S⁻¹ for state evidence. */
    private final DMatrixRMaj D = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj pseudo = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Ynew;
    private final UpdateResult result = new UpdateResult();
    private boolean diverged;

    public InformationFilter(MotionModel motion) {
        super(motion.layout().size());
        this.motion = motion;
        this.layout = motion.layout();
        this.n = layout.size();
        this.Y = new DMatrixRMaj(n, n);
        this.eta = new DMatrixRMaj(n, 1);
        this.F = new DMatrixRMaj(n, n);
        this.Q = new DMatrixRMaj(n, n);
        this.nnWork = new DMatrixRMaj(n, n);
        this.xWork = new DMatrixRMaj(n, 1);
        this.Ynew = new DMatrixRMaj(n, n);
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    @Override
    public void initialise(DMatrixRMaj x0, DMatrixRMaj P0, long seed) {
        setMoments(x0, P0);
    }

    /** Y = P⁻¹, η = Y·x. */
    private void setMoments(DMatrixRMaj mean, DMatrixRMaj covariance) {
        x.setTo(mean);
        P.setTo(covariance);
        diverged = !solver.decompose(P);
        if (!diverged) {
            solver.invert(Y);
            CommonOps_DDRM.mult(Y, x, eta);
        }
        momentsSet();
    }

    /** P = Y⁻¹, x = P·η. @return false when Y is not positive definite */
    @Override
    protected boolean computeMoments() {
        if (!solver.decompose(Y)) {
            diverged = true;
            return false;
        }
        solver.invert(P);
        solver.solve(eta, x);
        return true;
    }

    /** The moments brought up to date. @return false when the filter diverged (Y not positive definite) */
    private boolean momentsValid() {
        return refreshMoments() && !diverged;
    }

    @Override
    public void predict(double dt) {
        GaussianFilter.requireTimeStep(dt);
        if (dt == 0 || !momentsValid()) {
            return;
        }
        motion.transition(dt, F);
        motion.processNoise(dt, Q);
        CommonOps_DDRM.mult(F, x, xWork);
        CommonOps_DDRM.mult(F, P, nnWork);
        CommonOps_DDRM.multTransB(nnWork, F, P);
        CommonOps_DDRM.addEquals(P, Q);
        Matrices.symmetrise(P);
        setMoments(xWork, P);
    }

    @Override
    public UpdateResult update(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R, Gate gate) {
        int m = h.measurementSize();
        if (!momentsValid()) {
            result.set(Outcome.DIVERGED, Double.NaN, Double.NaN, m);
            return result;
        }
        // innovation against the prediction, as in the Kalman filter: y = z ⊖ h(x), S = H·P·Hᵀ + R
        h.predict(layout, x, zPredicted);
        h.jacobian(layout, x, H);
        h.residual(z, zPredicted, y);
        CommonOps_DDRM.multTransB(P, H, PHt);
        CommonOps_DDRM.mult(H, PHt, S);
        CommonOps_DDRM.addEquals(S, R);
        if (!sSolver.decompose(S)) {
            diverged = true;
            result.set(Outcome.DIVERGED, Double.NaN, Double.NaN, m);
            return result;
        }
        double nis = sSolver.quadraticForm(y);
        double logLikelihood = -0.5 * (nis + sSolver.logDeterminant() + m * LOG_2PI);
        if (!gate.accepts(nis, m)) {
            result.set(Outcome.GATED, nis, logLikelihood, m);
            return result;
        }
        // the measurement's information: D = R⁻¹ (or Q(z)⁻¹ − S⁻¹), b = R⁻¹·(y + H·x) (or Q(z)⁻¹·f − S⁻¹·μ₀)
        if (!solver.decompose(R)) {
            diverged = true;
            result.set(Outcome.DIVERGED, nis, logLikelihood, m);
            return result;
        }
        solver.invert(Rinv);
        pseudo.setTo(y);
        CommonOps_DDRM.multAdd(H, x, pseudo);      // y + H·x (= z for a linear model)
        if (h instanceof StateEvidenceMeasurement evidence) {
            pseudo.setTo(z);
            if (!addInformation(evidence, true) && !addInformation(evidence, false)) {
                diverged = true;
                result.set(Outcome.DIVERGED, nis, logLikelihood, m);
                return result;
            }
        } else {
            addInformation(null, false);
        }
        momentsStale();
        boolean healthy = momentsValid() && Matrices.isFinite(x);
        result.set(healthy ? Outcome.APPLIED : Outcome.DIVERGED, nis, logLikelihood, m);
        return result;
    }

    /**
     * Y += Hᵀ·D·H, η += Hᵀ·b with D = R⁻¹ and b = R⁻¹·pseudo, minus the stationary prior's
     * information when {@code dividePrior}.
     *
     * @return false (leaving Y and η unchanged) when the new Y is not positive definite
     */
    private boolean addInformation(StateEvidenceMeasurement evidence, boolean dividePrior) {
        if (dividePrior) {
            CommonOps_DDRM.subtract(Rinv, evidence.priorPrecision(), D);
        } else {
            D.setTo(Rinv);
        }
        CommonOps_DDRM.multTransA(H, D, HtRinv);
        Ynew.setTo(Y);
        CommonOps_DDRM.multAdd(HtRinv, H, Ynew);
        Matrices.symmetrise(Ynew);
        if (evidence != null && !solver.decompose(Ynew)) {
            return false;
        }
        Y.setTo(Ynew);
        CommonOps_DDRM.multTransA(H, Rinv, HtRinv);
        CommonOps_DDRM.multAdd(HtRinv, pseudo, eta);
        if (dividePrior) {
            CommonOps_DDRM.multAddTransA(-1.0, H, evidence.priorInformationMean(), eta);
        }
        return true;
    }

    @Override
    public MotionModel motionModel() {
        return motion;
    }

    /** False: the variational noise update is defined here for the Kalman family only. */
    @Override
    public boolean learnsNoise() {
        return false;
    }

    /**
     * The whitened innovation L⁻¹·y of the last update whose innovation covariance S = L·Lᵀ was
     * factorised (as {@link GaussianFilter#normalisedInnovation}).
     *
     * @throws IllegalStateException when there was none
     */
    @Override
    public void normalisedInnovation(DMatrixRMaj out) {
        sSolver.whiten(y, out);
    }

    /** The information matrix Y = P⁻¹ (a view). */
    public DMatrixRMaj informationMatrix() {
        return Y;
    }

    /** The information vector η = P⁻¹·x (a view). */
    public DMatrixRMaj informationVector() {
        return eta;
    }

    @Override
    public boolean isHealthy() {
        return momentsValid() && Matrices.isFinite(x) && solver.decompose(P);
    }

    @Override
    public GaussianState save() {
        refreshMoments();
        return new GaussianState(Matrices.toArray(x), P.data.clone());
    }

    @Override
    public void restore(FilterState state) {
        if (!(state instanceof GaussianState g) || g.dimension() != n) {
            throw new IllegalArgumentException("an information filter over " + layout + " cannot continue from " + state);
        }
        System.arraycopy(g.x(), 0, xWork.data, 0, n);
        System.arraycopy(g.P(), 0, nnWork.data, 0, n * n);
        nnWork.reshape(n, n);
        setMoments(xWork, nnWork);
    }

    @Override
    public String toString() {
        return "information filter on " + motion;
    }
}
