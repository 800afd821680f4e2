package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.NonlinearMotionModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The shared skeleton of the Kalman family (KF, EKF, UKF): a Gaussian N(x, P), the linear
 * prediction x = F·x, P = F·P·Fᵀ + Q, and an update split into {@link #prepare} (innovation y,
 * its covariance S and the NIS) and {@link #commit} (the correction), with the gate between
 * them. Subclasses supply the innovation and the correction. State-evidence measurements take
 * the Discriminative Kalman Filter update in every subclass.
 *
 * <p>All work matrices are allocated once for the state size; only the measurement-size buffers
 * grow (once) to the largest m seen. Every step ends with a symmetrised P.
 */
public abstract class GaussianFilter implements SingleGaussianFilter {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    protected final MotionModel motion;
    protected final StateLayout layout;
    protected final int n;

    /** The state estimate N(x, P). */
    protected final DMatrixRMaj x;
    protected final DMatrixRMaj P;

    protected final DMatrixRMaj F;
    protected final DMatrixRMaj Q;
    protected final DMatrixRMaj xWork;
    protected final DMatrixRMaj nnWork;

    /** The innovation of the pending update: ẑ, y = z ⊖ ẑ, S (m×m). */
    protected final DMatrixRMaj zPredicted = new DMatrixRMaj(1, 1);
    protected final DMatrixRMaj y = new DMatrixRMaj(1, 1);
    protected final DMatrixRMaj S = new DMatrixRMaj(1, 1);
    /** P·Hᵀ (n×m) of the last linearised innovation, kept for the gain. */
    protected final DMatrixRMaj PHt = new DMatrixRMaj(1, 1);
    /** Cholesky factor of S, reused by the NIS, the log-likelihood and the gain. */
    protected final CholeskySolver sSolver = new CholeskySolver();

    private final DiscriminativeUpdate discriminative;
    private final UpdateResult result = new UpdateResult();
    private double pendingNis;
    private double pendingLogLikelihood;
    protected boolean diverged;

    protected GaussianFilter(MotionModel motion) {
        this.motion = motion;
        this.layout = motion.layout();
        this.n = layout.size();
        this.x = new DMatrixRMaj(n, 1);
        this.P = new DMatrixRMaj(n, n);
        this.F = new DMatrixRMaj(n, n);
        this.Q = new DMatrixRMaj(n, n);
        this.xWork = new DMatrixRMaj(n, 1);
        this.nnWork = new DMatrixRMaj(n, n);
        this.discriminative = new DiscriminativeUpdate(n);
    }

    @Override
    public MotionModel motionModel() {
        return motion;
    }

    /** True: the variational noise update runs on the Kalman family. */
    @Override
    public boolean learnsNoise() {
        return true;
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    @Override
    public void initialise(DMatrixRMaj x0, DMatrixRMaj P0, long seed) {
        x.setTo(x0);
        P.setTo(P0);
        diverged = false;
    }

    /**
     * x = F·x; P = F·P·Fᵀ + Q (the Kalman prediction; Bar-Shalom et al. 2001, §5.2). For a
     * {@link NonlinearMotionModel}, x = f(x) and F = ∂f/∂x at the prior mean (the EKF prediction, §10.3).
     */
    @Override
    public void predict(double dt) {
        requireTimeStep(dt);
        if (dt == 0) {
            return;
        }
        if (motion instanceof NonlinearMotionModel f) {
            f.jacobian(dt, x, F);
            f.propagate(dt, x, xWork);
        } else {
            motion.transition(dt, F);
            CommonOps_DDRM.mult(F, x, xWork);
        }
        motion.processNoise(dt, Q);
        x.setTo(xWork);
        CommonOps_DDRM.mult(F, P, nnWork);
        CommonOps_DDRM.multTransB(nnWork, F, P);
        CommonOps_DDRM.addEquals(P, Q);
        Matrices.symmetrise(P);
    }

    static void requireTimeStep(double dt) {
        if (!(dt >= 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("prediction step must be a finite dt >= 0 seconds, got " + dt);
        }
    }

    @Override
    public final UpdateResult update(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R, Gate gate) {
        int m = h.measurementSize();
        if (!prepare(h, z, R)) {
            result.set(Outcome.DIVERGED, Double.NaN, Double.NaN, m);
            return result;
        }
        if (!gate.accepts(pendingNis, m)) {
            result.set(Outcome.GATED, pendingNis, pendingLogLikelihood, m);
            return result;
        }
        result.set(commit(h, z, R) ? Outcome.APPLIED : Outcome.DIVERGED, pendingNis, pendingLogLikelihood, m);
        return result;
    }

    /**
     * Computes the innovation of z against the current (predicted) state and its NIS and
     * log-likelihood, without changing the state.
     *
     * @return false when the state has diverged or S is not positive definite
     */
    final boolean prepare(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R) {
        if (diverged) {
            return false;
        }
        boolean ok = h instanceof StateEvidenceMeasurement ? linearisedInnovation(h, z, R) : innovate(h, z, R);
        if (!ok || !sSolver.decompose(S)) {
            diverged = true;
            return false;
        }
        pendingNis = sSolver.quadraticForm(y);
        pendingLogLikelihood = -0.5 * (pendingNis + sSolver.logDeterminant() + y.numRows * LOG_2PI);
        return true;
    }

    /** Applies the prepared update. @return false when the result is not finite */
    final boolean commit(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R) {
        boolean ok = h instanceof StateEvidenceMeasurement evidence
                ? discriminative.apply(x, P, H(), z, R, evidence)
                : correct();
        Matrices.symmetrise(P);
        if (!ok || !Matrices.isFinite(x) || !Matrices.isFinite(P)) {
            diverged = true;
            return false;
        }
        return true;
    }

    /** NIS of the pending update. */
    final double pendingNis() {
        return pendingNis;
    }

    /** log N(y; 0, S) of the pending update. */
    final double pendingLogLikelihood() {
        return pendingLogLikelihood;
    }

    /**
     * Fills {@link #zPredicted}, {@link #y} and {@link #S} for measurement z.
     *
     * @return false when it cannot (e.g. a covariance without a Cholesky factor)
     */
    protected abstract boolean innovate(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R);

    /** Corrects x and P with the innovation {@link #innovate} prepared. */
    protected abstract boolean correct();

    /** The measurement matrix of the last linearised innovation. */
    protected abstract DMatrixRMaj H();

    /**
     * The innovation of a linear(ised) model at the current x (Bar-Shalom et al. 2001, §5.2;
     * for the EKF §10.3): H = ∂h/∂x at x, ẑ = h(x), y = z ⊖ ẑ,
     * S = H·P·Hᵀ + R; {@code PHt} = P·Hᵀ is kept for the gain.
     */
    protected boolean linearisedInnovation(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R) {
        DMatrixRMaj H = H();
        h.predict(layout, x, zPredicted);
        h.jacobian(layout, x, H);
        h.residual(z, zPredicted, y);
        CommonOps_DDRM.multTransB(P, H, PHt);
        CommonOps_DDRM.mult(H, PHt, S);
        CommonOps_DDRM.addEquals(S, R);
        return true;
    }

    @Override
    public DMatrixRMaj mean() {
        return x;
    }

    @Override
    public DMatrixRMaj covariance() {
        return P;
    }

    /** The innovation y of the last prepared update. */
    public DMatrixRMaj innovation() {
        return y;
    }

    /** The innovation covariance S of the last prepared update. */
    public DMatrixRMaj innovationCovariance() {
        return S;
    }

    /**
     * The whitened innovation e = L⁻¹·y of the last prepared update, where S = L·Lᵀ (Cholesky):
     * e ~ N(0, I_m) while the filter is consistent, and eᵀe is the NIS. The input a changepoint
     * detector watches for a sensor's bias (a mean shift of e) or wrong noise (a change of its
     * covariance).
     *
     * @param out receives e (m×1)
     * @throws IllegalStateException when no update has been prepared successfully
     */
    @Override
    public void normalisedInnovation(DMatrixRMaj out) {
        sSolver.whiten(y, out);
    }

    /** The predicted measurement ẑ of the last prepared update. */
    public DMatrixRMaj predictedMeasurement() {
        return zPredicted;
    }

    @Override
    public boolean isHealthy() {
        return !diverged && Matrices.isFinite(x) && CholeskySolver.isPositiveDefinite(P);
    }

    @Override
    public GaussianState save() {
        return new GaussianState(Matrices.toArray(x), P.data.clone());
    }

    @Override
    public void restore(FilterState state) {
        if (!(state instanceof GaussianState g) || g.dimension() != n) {
            throw new IllegalArgumentException("a " + getClass().getSimpleName() + " over " + layout
                    + " cannot continue from " + state);
        }
        System.arraycopy(g.x(), 0, x.data, 0, n);
        System.arraycopy(g.P(), 0, P.data, 0, n * n);
        diverged = false;
    }
}
