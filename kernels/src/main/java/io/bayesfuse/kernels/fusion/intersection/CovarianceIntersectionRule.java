package io.bayesfuse.kernels.fusion.intersection;

import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.RuleState;
import io.bayesfuse.kernels.fusion.trust.GaussianDisagreement;
import io.bayesfuse.kernels.fusion.trust.LeaveOneOutTest;
import io.bayesfuse.kernels.fusion.trust.TrustTest;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * Covariance intersection (Julier &amp; Uhlmann 1997) for sources whose errors are correlated in an
 * unknown way, so that their product would be overconfident:
 * <pre>
 *   P⁻¹ = Σ ωᵢ Pᵢ⁻¹,    x = P Σ ωᵢ Pᵢ⁻¹ xᵢ,    ω on the simplex
 * </pre>
 * with ω minimising trace(P) or det(P) ({@link IntersectionWeights#optimal}), or the fast closed form
 * ωᵢ ∝ 1/tr(Pᵢ). The result is consistent (P ⪰ the true error covariance) for every possible
 * cross-correlation.
 *
 * <p>Not incremental: the optimal weights depend on all sources together, so every result solves
 * the weight problem afresh over the stored sources, O(iterations · K · d³).
 *
 * <p><b>Source trust</b> ({@link LeaveOneOutTest}): a source is tested against the intersection of
 * the others ({@link #leaveOneOut}).
 */
public final class CovarianceIntersectionRule implements FusionRule, LeaveOneOutTest {

    private final IntersectionCriterion criterion;
    private final boolean fast;
    private int d;

    /**
     * @param criterion what the optimal weights minimise
     * @param fast      use ωᵢ ∝ 1/tr(Pᵢ) instead of optimising
     */
    public CovarianceIntersectionRule(IntersectionCriterion criterion, boolean fast) {
        this.criterion = criterion;
        this.fast = fast;
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.COVARIANCE_INTERSECTION;
    }

    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        InformationContribution c = InformationContribution.of(PosteriorChecks.subject(sourceId), posterior, d,
                "covariance-intersection");
        double[][] arrays = c.toArrays();
        return List.of(arrays[0], arrays[1], new double[]{covarianceTrace(c)});
    }

    @Override
    public void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        d = current.get(1).length;
    }

    @Override
    public void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0) {
            d = 0;
        }
    }

    /** The source's (Λᵢ, ηᵢ) in information form (a diagonal one as a diagonal covariance). */
    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        return information(arrays).toPosterior();
    }

    @Override
    public FusionResult result(Contributions sources) {
        if (sources.count() == 0) {
            return new FusionResult.NoSources();
        }
        Intersected fused = intersect(sources, null);
        if (fused.posterior() == null) {
            return new FusionResult.NotPositiveDefinite("the intersected precision Σ ωᵢΛᵢ is not positive definite");
        }
        return new FusionResult.IntersectionPosterior(fused.posterior(), fused.omega());
    }

    /**
     * The intersection of the counted sources but {@code excluded} (null for all of them) with weights
     * optimised for those sources; its posterior is null when Σ ωᵢΛᵢ is not positive definite.
     */
    private Intersected intersect(Contributions sources, String excluded) {
        List<InformationContribution> information = new ArrayList<>(sources.count());
        List<DMatrixRMaj> precisions = new ArrayList<>(sources.count());
        List<Double> traces = new ArrayList<>(sources.count());
        sources.forEach((id, arrays) -> {
            if (id.equals(excluded)) {
                return;
            }
            InformationContribution c = information(arrays);
            traces.add(arrays.size() > 2 ? arrays.get(2)[0] : covarianceTrace(c));
            information.add(c);
            precisions.add(DMatrixRMaj.wrap(d, d, c.precisionMatrix()));
        });
        IntersectionObjective objective = new IntersectionObjective(criterion, precisions);
        IntersectionWeights weights = fast ? IntersectionWeights.fast(traces.stream().mapToDouble(Double::doubleValue).toArray())
                : IntersectionWeights.optimal(objective);
        double[] omega = weights.omega();

        // P⁻¹ = Σ ωᵢΛᵢ, x = P Σ ωᵢηᵢ
        DMatrixRMaj Lambda = new DMatrixRMaj(d, d);
        objective.fusedPrecision(omega, Lambda);
        DMatrixRMaj eta = new DMatrixRMaj(d, 1);
        for (int i = 0; i < information.size(); i++) {
            for (int k = 0; k < d; k++) {
                eta.data[k] += omega[i] * information.get(i).information(k);
            }
        }
        return new Intersected(moments(Lambda, eta), omega.clone());
    }

    private record Intersected(Gaussian posterior, double[] omega) {
    }

    /** N(Λ⁻¹η, Λ⁻¹), or null when Λ is not positive definite. */
    private static Gaussian moments(DMatrixRMaj Lambda, DMatrixRMaj eta) {
        int n = Lambda.numRows;
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(Lambda)) {
            return null;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        DMatrixRMaj P = new DMatrixRMaj(n, n);
        cholesky.solve(eta, x);
        cholesky.invert(P);
        return Gaussian.trusted(x, P);
    }

    /**
     * The source's new posterior against the intersection of the other counted sources (weights
     * optimised for them alone): χ² = (xᵢ − x₋ᵢ)ᵀ(Pᵢ + P₋ᵢ)⁻¹(xᵢ − x₋ᵢ), d degrees of freedom
     * ({@link GaussianDisagreement}). Pᵢ + P₋ᵢ is the covariance of the difference for uncorrelated
     * errors; positively correlated errors (the case covariance intersection is for: a shared prior,
     * common process noise, data used twice) make the difference's spread smaller, so there the test is
     * conservative, and P₋ᵢ, an intersection, already bounds the others' error from above. O(K·d³)
     * and one weight optimisation over K − 1 sources, like a result.
     */
    @Override
    public LeaveOneOut leaveOneOut(String sourceId, List<double[]> candidate, List<double[]> inAggregates, int others,
                                   Contributions sources, TrustTest test) {
        int n = candidate.get(1).length;
        if (others == 0 || d != n) {
            return LeaveOneOut.untested(n);
        }
        Gaussian rest = intersect(sources, sourceId).posterior();
        InformationContribution own = information(candidate);
        Gaussian source = moments(DMatrixRMaj.wrap(n, n, own.precisionMatrix()), DMatrixRMaj.wrap(n, 1, own.informationVector()));
        double chi2 = rest == null || source == null ? Double.NaN : GaussianDisagreement.chiSquare(source, rest);
        return Double.isNaN(chi2) ? LeaveOneOut.untested(n) : new LeaveOneOut(chi2, n);
    }

    /** Λᵢ and ηᵢ times the factor, tr(Pᵢ) divided by it. */
    @Override
    public List<double[]> scaled(List<double[]> arrays, double factor) {
        double[] precision = arrays.get(0).clone();
        double[] information = arrays.get(1).clone();
        for (int k = 0; k < precision.length; k++) {
            precision[k] *= factor;
        }
        for (int k = 0; k < information.length; k++) {
            information[k] *= factor;
        }
        return arrays.size() > 2 ? List.of(precision, information, new double[]{arrays.get(2)[0] / factor})
                : List.of(precision, information);
    }

    /** The arrays' (Λᵢ, ηᵢ); a third array, when present, holds tr(Pᵢ). */
    private static InformationContribution information(List<double[]> arrays) {
        return InformationContribution.restore(arrays.get(1).length, arrays.get(0), arrays.get(1));
    }

    private static double covarianceTrace(InformationContribution c) {
        CholeskySolver cholesky = new CholeskySolver();
        int n = c.dimension();
        cholesky.decompose(DMatrixRMaj.wrap(n, n, c.precisionMatrix()));
        DMatrixRMaj P = new DMatrixRMaj(n, n);
        cholesky.invert(P);
        return CommonOps_DDRM.trace(P);
    }

    /** No aggregates; each source: [Λᵢ packed or its diagonal, ηᵢ, {tr Pᵢ}]. */
    @Override
    public RuleState exportState() {
        return new RuleState(method(), d, List.of(), 0);
    }

    @Override
    public void importState(RuleState state) {
        d = state.dimension();
    }

    @Override
    public String toString() {
        return "covariance intersection (" + criterion + (fast ? ", fast weights" : "") + ")";
    }
}
