package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Evidence about (part of) the state from a learned, discriminative model: the "measurement" z
 * is the mean f(z) of a Gaussian N(f(z), Q(z)) over the selected state components and its "R" is
 * Q(z). Filters fuse it with the Discriminative Kalman Filter update (Burkhart, Brandman, Franco,
 * Hochberg, Harrison 2020, "The discriminative Kalman filter for Bayesian filtering with
 * nonlinear and nongaussian observation models", Neural Computation 32(5)): because the upstream model already
 * contains the stationary prior N(μ₀, S) of the state, that prior is divided out, giving posterior
 * precision P⁻¹ + Hᵀ(Q(z)⁻¹ − S⁻¹)H. As a model of z it is linear: h(x) = H·x with H selecting
 * the components.
 */
public final class StateEvidenceMeasurement implements MeasurementModel {

    private final int[] components;
    private final DMatrixRMaj S;
    private final DMatrixRMaj mu0;
    private final DMatrixRMaj Sinv;
    private final DMatrixRMaj SinvMu0;
    private final LayoutProjection projection;
    private final boolean[] observed;

    /**
     * @param subject    names the sensor in errors
     * @param components the observed state indices in {@code reference}
     * @param S          the stationary prior covariance of those components (m×m, SPD)
     * @param mu0        its mean (m), or null for zero
     */
    public StateEvidenceMeasurement(String subject, int[] components, double[][] S, double[] mu0, StateLayout reference) {
        if (components == null || components.length == 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "components", "must list at least one state index");
        }
        this.projection = new LayoutProjection(reference);
        this.observed = new boolean[reference.size()];
        for (int c : components) {
            if (c < 0 || c >= reference.size()) {
                throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "components",
                        "holds index " + c + " outside the state of " + reference);
            }
            if (observed[c]) {
                throw new InvalidInputException(Problem.INCONSISTENT, subject, "components", "repeats index " + c);
            }
            observed[c] = true;
        }
        this.components = components.clone();
        int m = components.length;
        this.S = Matrices.of(S);
        InputChecks.requireShape(subject, "priorCovariance", this.S, m, m, "the components");
        InputChecks.requireSymmetricPositiveDefinite(subject, "priorCovariance", this.S);
        this.mu0 = new DMatrixRMaj(m, 1);
        if (mu0 != null) {
            InputChecks.requireLength(subject, "priorMean", mu0, m, "the components");
            InputChecks.requireFinite(subject, "priorMean", mu0);
            System.arraycopy(mu0, 0, this.mu0.data, 0, m);
        }
        CholeskySolver solver = new CholeskySolver();
        solver.decompose(this.S);
        this.Sinv = new DMatrixRMaj(m, m);
        solver.invert(Sinv);
        this.SinvMu0 = new DMatrixRMaj(m, 1);
        solver.solve(this.mu0, SinvMu0);
    }

    /** S⁻¹, computed once. */
    public DMatrixRMaj priorPrecision() {
        return Sinv;
    }

    /** S⁻¹·μ₀, computed once. */
    public DMatrixRMaj priorInformationMean() {
        return SinvMu0;
    }

    /** S, the stationary prior covariance that the upstream model's output already contains. */
    public DMatrixRMaj priorCovariance() {
        return S;
    }

    /** μ₀, the stationary prior mean. */
    public DMatrixRMaj priorMean() {
        return mu0;
    }

    @Override
    public int measurementSize() {
        return components.length;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        projection.requireAll(subject, "components", layout, observed);
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    @Override
    public void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z) {
        z.reshape(components.length, 1);
        for (int i = 0; i < components.length; i++) {
            z.data[i] = x.data[projection.index(layout, components[i])];
        }
    }

    @Override
    public void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H) {
        H.reshape(components.length, layout.size());
        H.zero();
        for (int i = 0; i < components.length; i++) {
            H.unsafe_set(i, projection.index(layout, components[i]), 1.0);
        }
    }

    @Override
    public String toString() {
        return "state evidence on components " + Arrays.toString(components);
    }
}
