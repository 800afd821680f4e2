package io.bayesfuse.kernels.motion;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A general linear model with a fixed F and Q per prediction step: x_k = F·x_{k-1} + w,
 * w ~ N(0, Q), for states sampled at a regular rate. Any dt > 0 is one step; dt = 0 is no
 * step (F = I, Q = 0), as for every model.
 */
public final class LinearMotionModel implements MotionModel {

    private final StateLayout layout;
    private final DMatrixRMaj F;
    private final DMatrixRMaj Q;

    /**
     * @param subject names the model in error messages, e.g. {@code motion model 'drift'}
     * @param layout  the state layout ({@link StateLayout#unstructured(int)} when the states have
     *                no kinematic meaning)
     */
    public LinearMotionModel(String subject, double[][] F, double[][] Q, StateLayout layout) {
        this.layout = layout;
        int n = layout.size();
        this.F = Matrices.of(F);
        this.Q = Matrices.of(Q);
        InputChecks.requireShape(subject, "F", this.F, n, n, "the state");
        InputChecks.requireFinite(subject, "F", this.F);
        InputChecks.requireShape(subject, "Q", this.Q, n, n, "the state");
        InputChecks.requireFinite(subject, "Q", this.Q);
        if (Matrices.asymmetry(this.Q) > InputChecks.SYMMETRY_TOLERANCE) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "Q", "is not symmetric");
        }
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    @Override
    public void transition(double dt, DMatrixRMaj F) {
        if (dt == 0) {
            F.reshape(layout.size(), layout.size());
            CommonOps_DDRM.setIdentity(F);
        } else {
            F.setTo(this.F);
        }
    }

    @Override
    public void processNoise(double dt, DMatrixRMaj Q) {
        if (dt == 0) {
            Q.reshape(layout.size(), layout.size());
            Q.zero();
        } else {
            Q.setTo(this.Q);
        }
    }

    @Override
    public String toString() {
        return "linear model with " + layout;
    }
}
