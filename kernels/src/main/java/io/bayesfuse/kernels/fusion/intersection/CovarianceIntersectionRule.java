package io.bayesfuse.kernels.fusion.intersection;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
public final class CovarianceIntersectionRule implements FusionRule {

    private final IntersectionCriterion criterion;
    private final boolean fast;
    private final LinkedHashMap<String, Source> sources = new LinkedHashMap<>();
    private int d;

    private record Source(InformationContribution information, double covarianceTrace) {
    }

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
    public void put(String sourceId, SourcePosterior posterior) {
        InformationContribution c = InformationContribution.of(PosteriorChecks.subject(sourceId), posterior, d,
                "covariance-intersection");
        d = c.dimension();
        sources.put(sourceId, new Source(c, covarianceTrace(c)));
    }

    @Override
    public void remove(String sourceId) {
        sources.remove(sourceId);
        if (sources.isEmpty()) {
            d = 0;
        }
    }

    @Override
    public List<String> sourceIds() {
        return List.copyOf(sources.keySet());
    }

    /** The source's (Λᵢ, ηᵢ) in information form (a diagonal one as a diagonal covariance). */
    @Override
    public SourcePosterior posterior(String sourceId) {
        Source s = sources.get(sourceId);
        if (s == null) {
            throw new IllegalArgumentException("source '" + sourceId + "' does not contribute to this intersection");
        }
        return s.information().toPosterior();
    }

    @Override
    public FusionResult result() {
        if (sources.isEmpty()) {
            return new FusionResult.NoSources();
        }
        List<DMatrixRMaj> precisions = new ArrayList<>();
        double[] traces = new double[sources.size()];
        int i = 0;
        for (Source s : sources.values()) {
            precisions.add(DMatrixRMaj.wrap(d, d, s.information().precisionMatrix()));
            traces[i++] = s.covarianceTrace();
        }
        IntersectionObjective objective = new IntersectionObjective(criterion, precisions);
        IntersectionWeights weights = fast ? IntersectionWeights.fast(traces) : IntersectionWeights.optimal(objective);
        double[] omega = weights.omega();

        // P⁻¹ = Σ ωᵢΛᵢ, x = P Σ ωᵢηᵢ
        DMatrixRMaj Lambda = new DMatrixRMaj(d, d);
        objective.fusedPrecision(omega, Lambda);
        DMatrixRMaj eta = new DMatrixRMaj(d, 1);
        i = 0;
        for (Source s : sources.values()) {
            for (int k = 0; k < d; k++) {
                eta.data[k] += omega[i] * s.information().information(k);
            }
            i++;
        }
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(Lambda)) {
            return new FusionResult.NotPositiveDefinite("the intersected precision Σ ωᵢΛᵢ is not positive definite");
        }
        DMatrixRMaj x = new DMatrixRMaj(d, 1);
        DMatrixRMaj P = new DMatrixRMaj(d, d);
        cholesky.solve(eta, x);
        cholesky.invert(P);
        return new FusionResult.IntersectionPosterior(Gaussian.trusted(x, P), omega.clone());
    }

    private static double covarianceTrace(InformationContribution c) {
        CholeskySolver cholesky = new CholeskySolver();
        int n = c.dimension();
        cholesky.decompose(DMatrixRMaj.wrap(n, n, c.precisionMatrix()));
        DMatrixRMaj P = new DMatrixRMaj(n, n);
        cholesky.invert(P);
        return CommonOps_DDRM.trace(P);
    }

    /** No aggregates; each source: [Λᵢ packed or its diagonal, ηᵢ]. */
    @Override
    public FusionState exportState() {
        List<SourceEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            entries.add(new SourceEntry(e.getKey(), 0, List.of(e.getValue().information().toArrays())));
        }
        return FusionState.ofRule(method(), d, List.of(), 0, entries);
    }

    @Override
    public void importState(FusionState state) {
        sources.clear();
        d = state.dimension();
        for (SourceEntry e : state.sources()) {
            if (e.arrays().size() != 2) {
                throw new IllegalArgumentException("covariance-intersection state: source '" + e.sourceId() + "' needs 2 arrays");
            }
            InformationContribution c = InformationContribution.restore(d, e.arrays().get(0), e.arrays().get(1));
            sources.put(e.sourceId(), new Source(c, covarianceTrace(c)));
        }
    }

    @Override
    public String toString() {
        return "covariance intersection (" + criterion + (fast ? ", fast weights" : "") + ")";
    }
}
