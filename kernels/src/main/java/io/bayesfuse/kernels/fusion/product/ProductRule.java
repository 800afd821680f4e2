package io.bayesfuse.kernels.fusion.product;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.IncrementalFusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.elementwise.IsotropicPrior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.RuleState;
import io.bayesfuse.kernels.fusion.trust.LeaveOneOutTest;
import io.bayesfuse.kernels.fusion.trust.TrustTest;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CompensatedSum;
import io.bayesfuse.kernels.linalg.InformationSolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The product of Gaussian posteriors with prior division, in information form. K sources that each
 * combined the same prior N(x₀, P₀) with their own data fuse to
 * <pre>
 *   Λ = Σᵢ Λᵢ − (K−1) Λ₀        η = Σᵢ ηᵢ − (K−1) η₀        (Λ = P⁻¹, η = P⁻¹x)
 * </pre>
 * since p(x | D₁…D_K) ∝ Πᵢ p(x | Dᵢ) / p(x)^(K−1) for conditionally independent data; for
 * Bayesian linear regression shards this is exactly the full-data posterior. Without a prior
 * only a single source can be "fused" (K − 1 = 0); a second one is an error naming it.
 *
 * <p><b>Incremental.</b> Σ Λᵢ and Σ ηᵢ are running {@link CompensatedSum}s: adding, replacing
 * (subtract old, add new) or retracting a source costs O(d²) whatever K is, and the fused
 * x = Λ⁻¹η, P = Λ⁻¹ cost one Cholesky solve, O(d³). Rounding is bounded by the compensated sums
 * (accurate to rounding of the current sum however many sources came and went) and, against the
 * second-order residue, by an exact recomputation from the stored contributions after every
 * max(K, {@value IncrementalFusionRule#RECOMPUTE_AFTER_SUBTRACTIONS}) subtractions (amortised O(d²) per update).
 *
 * <p>Dimensions from {@code lapackFrom} on use {@link io.bayesfuse.kernels.linalg.LapackInformationSolver},
 * smaller ones EJML, both for the fused solve and for turning a source's covariance into Λᵢ, ηᵢ.
 *
 * <p><b>Source trust</b> ({@link LeaveOneOutTest}): the fusion of the other sources is the running
 * sums minus the source's own contribution, Λ₋ᵢ = Σ Λⱼ − Λᵢ − (K₋ᵢ−1) Λ₀ (likewise η₋ᵢ), and
 * χ² = (xᵢ − x₋ᵢ)ᵀ(Pᵢ + P₋ᵢ)⁻¹(xᵢ − x₋ᵢ): three Cholesky solves, O(d³), whatever K is. With a prior,
 * xᵢ and x₋ᵢ both contain it once, so Pᵢ + P₋ᵢ overstates the spread of their difference and the
 * test is conservative (exact for a flat prior).
 *
 * <p>Not thread-safe.
 */
public final class ProductRule extends IncrementalFusionRule implements LeaveOneOutTest {

    private final IsotropicPrior isotropic;
    private final int lapackFrom;
    private InformationContribution prior;
    private int d;
    private CompensatedSum LambdaSum;
    private CompensatedSum etaSum;
    private InformationSolver solver;
    private double[] Lambda;
    private double[] eta;

    /**
     * @param prior      the prior every source used, or null (then at most one source)
     * @param lapackFrom dimension from which the LAPACK solver is used
     */
    public ProductRule(InformationContribution prior, int lapackFrom) {
        this.prior = prior;
        this.isotropic = null;
        this.lapackFrom = lapackFrom;
        if (prior != null) {
            fixDimension(prior.dimension());
        }
    }

    /**
     * A product rule whose sources used the isotropic prior N(m·1, v·I), of whatever dimension the
     * first source fixes.
     */
    public ProductRule(IsotropicPrior isotropic, int lapackFrom) {
        this.prior = null;
        this.isotropic = java.util.Objects.requireNonNull(isotropic, "isotropic");
        this.lapackFrom = lapackFrom;
    }

    /** A product rule with the default solver threshold ({@link InformationSolver#LAPACK_FROM_DIMENSION}). */
    public ProductRule(InformationContribution prior) {
        this(prior, InformationSolver.LAPACK_FROM_DIMENSION);
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.PRODUCT;
    }

    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        String subject = PosteriorChecks.subject(sourceId);
        InformationContribution contribution = InformationContribution.of(subject, posterior, d, "product", solver);
        PosteriorChecks.requirePriorForSecondSource(subject, hasPrior(), sourceId, sources);
        return List.of(contribution.toArrays());
    }

    @Override
    protected boolean sized() {
        return d != 0;
    }

    @Override
    protected void sizeFor(List<double[]> first) {
        fixDimension(first.get(1).length);
    }

    @Override
    protected boolean forgetSize() {
        if (hasPrior()) {
            return false;   // the prior keeps the dimension
        }
        d = 0;
        return true;
    }

    @Override
    protected void accumulate(List<double[]> arrays, double sign) {
        InformationContribution.addStored(d, arrays.get(0), arrays.get(1), LambdaSum, etaSum, sign);
    }

    @Override
    protected void countSubtraction(List<double[]> previous) {
        LambdaSum.countSubtraction();
    }

    @Override
    protected long subtractions() {
        return LambdaSum.subtractionsSinceReset();
    }

    @Override
    protected void clearSums() {
        LambdaSum.clear();
        etaSum.clear();
    }

    /** The source's (Λᵢ, ηᵢ) in information form (a diagonal one as a diagonal covariance). */
    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        return InformationContribution.restore(arrays.get(1).length, arrays.get(0), arrays.get(1)).toPosterior();
    }

    @Override
    public FusionResult result(Contributions sources) {
        int K = sources.count();
        if (K == 0 && prior == null) {
            return new FusionResult.NoSources();
        }
        // Λ = Σ Λᵢ − (K−1) Λ₀, η = Σ ηᵢ − (K−1) η₀ (for K = 0 this is the prior itself)
        LambdaSum.values(Lambda);
        etaSum.values(eta);
        if (prior != null && K != 1) {
            double priorCount = K - 1;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    Lambda[i * d + j] -= priorCount * prior.precision(i, j);
                }
                eta[i] -= priorCount * prior.information(i);
            }
        }
        double[] x = new double[d];
        double[] P = new double[d * d];
        if (!solver.solve(Lambda, eta, x, P)) {
            return new FusionResult.NotPositiveDefinite("the fused precision Σ Λᵢ − (K−1) Λ₀ of " + K
                    + " source(s) is not positive definite: the sources are inconsistent with the prior they claim to share");
        }
        return new FusionResult.GaussianPosterior(Gaussian.trusted(Matrices.column(x), DMatrixRMaj.wrap(d, d, P)));
    }

    @Override
    public LeaveOneOut leaveOneOut(String sourceId, List<double[]> candidate, List<double[]> inAggregates, int others,
                                   Contributions sources, TrustTest test) {
        int dof = candidate.get(1).length;
        if (others == 0 || !sized()) {
            return LeaveOneOut.untested(dof);
        }
        // the others: Λ₋ᵢ = Σ Λⱼ − Λᵢ − (K₋ᵢ−1) Λ₀, η₋ᵢ likewise
        double[] LambdaOthers = new double[d * d];
        double[] etaOthers = new double[d];
        LambdaSum.values(LambdaOthers);
        etaSum.values(etaOthers);
        InformationContribution own = inAggregates == null ? null : contribution(inAggregates);
        double priorCount = prior != null ? others - 1 : 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                LambdaOthers[i * d + j] -= (own == null ? 0 : own.precision(i, j))
                        + (priorCount == 0 ? 0 : priorCount * prior.precision(i, j));
            }
            etaOthers[i] -= (own == null ? 0 : own.information(i)) + (priorCount == 0 ? 0 : priorCount * prior.information(i));
        }
        double[] xOthers = new double[d];
        double[] POthers = new double[d * d];
        if (!solver.solve(LambdaOthers, etaOthers, xOthers, POthers)) {
            return LeaveOneOut.untested(dof);
        }
        InformationContribution c = contribution(candidate);
        double[] x = new double[d];
        double[] P = new double[d * d];
        if (!solver.solve(c.precisionMatrix(), c.informationVector(), x, P)) {
            return LeaveOneOut.untested(dof);
        }
        // χ² = rᵀ S⁻¹ r with r = xᵢ − x₋ᵢ, S = Pᵢ + P₋ᵢ (S⁻¹r from the same solver: "x" of (S, r))
        double[] S = new double[d * d];
        double[] r = new double[d];
        for (int k = 0; k < d * d; k++) {
            S[k] = P[k] + POthers[k];
        }
        for (int i = 0; i < d; i++) {
            r[i] = x[i] - xOthers[i];
        }
        double[] Sinvr = new double[d];
        if (!solver.solve(S, r, Sinvr, P)) {
            return LeaveOneOut.untested(dof);
        }
        double chi2 = 0;
        for (int i = 0; i < d; i++) {
            chi2 += r[i] * Sinvr[i];
        }
        return new LeaveOneOut(chi2, dof);
    }

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
        return List.of(precision, information);
    }

    private InformationContribution contribution(List<double[]> arrays) {
        return InformationContribution.restore(d, arrays.get(0), arrays.get(1));
    }

    private boolean hasPrior() {
        return prior != null || isotropic != null;
    }

    private void fixDimension(int dimension) {
        if (isotropic != null && (prior == null || prior.dimension() != dimension)) {
            double[] precision = new double[dimension];
            double[] information = new double[dimension];
            java.util.Arrays.fill(precision, isotropic.precision());
            java.util.Arrays.fill(information, isotropic.information());
            prior = InformationContribution.restore(dimension, precision, information);
        }
        if (solver == null || solver.dimension() != dimension) {
            solver = InformationSolver.forDimension(dimension, lapackFrom);
        }
        d = dimension;
        LambdaSum = new CompensatedSum(d * d);
        etaSum = new CompensatedSum(d);
        Lambda = new double[d * d];
        eta = new double[d];
    }

    /** Aggregates: [Σ Λᵢ packed, its compensation packed, Σ ηᵢ, its compensation]. */
    @Override
    public RuleState exportState() {
        List<double[]> aggregates = d == 0 ? List.of() : List.of(
                LambdaSum.packedSumPart(d), LambdaSum.packedCompensationPart(d),
                etaSum.sumPart(), etaSum.compensationPart());
        return new RuleState(method(), d, aggregates, d == 0 ? 0 : LambdaSum.subtractionsSinceReset());
    }

    @Override
    public void importState(RuleState state) {
        if (isotropic == null && prior != null && state.dimension() != 0 && state.dimension() != prior.dimension()) {
            throw new IllegalArgumentException("fusion state has dimension " + state.dimension()
                    + " but the configured prior has " + prior.dimension());
        }
        if (state.dimension() == 0) {
            if (isotropic != null || prior == null) {
                d = 0;
            }
            return;
        }
        fixDimension(state.dimension());
        List<double[]> a = state.aggregates();
        if (a.size() != 4) {
            throw new IllegalArgumentException("product state needs 4 aggregates, has " + a.size());
        }
        LambdaSum = CompensatedSum.restore(SymmetricPacking.unpack(a.get(0), d), SymmetricPacking.unpack(a.get(1), d),
                state.subtractions());
        etaSum = CompensatedSum.restore(a.get(2), a.get(3), 0);
    }
}
