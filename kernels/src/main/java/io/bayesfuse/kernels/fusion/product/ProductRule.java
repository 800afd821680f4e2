package io.bayesfuse.kernels.fusion.product;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.elementwise.IsotropicPrior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.RuleState;
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
 * max(K, {@value #RECOMPUTE_AFTER_SUBTRACTIONS}) subtractions (amortised O(d²) per update).
 *
 * <p>Dimensions from {@code lapackFrom} on use {@link io.bayesfuse.kernels.linalg.LapackInformationSolver},
 * smaller ones EJML, both for the fused solve and for turning a source's covariance into Λᵢ, ηᵢ.
 *
 * <p>Not thread-safe.
 */
public final class ProductRule implements FusionRule {

    /** Minimum number of subtractions between exact recomputations of the running sums. */
    public static final int RECOMPUTE_AFTER_SUBTRACTIONS = 1024;

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
        boolean replacing = sources.get(sourceId) != null;
        if (!hasPrior() && !replacing && sources.count() > 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "prior",
                    "is missing: a product of " + (sources.count() + 1) + " posteriors must divide out the prior"
                            + " they share (K − 1 times), so configure fusion.prior");
        }
        return List.of(contribution.toArrays());
    }

    @Override
    public void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        if (d == 0) {
            fixDimension(current.get(1).length);
        }
        if (previous != null) {
            subtract(contribution(previous));
        }
        contribution(current).addTo(LambdaSum, etaSum, 1.0);
        recomputeWhenDue(sources);
    }

    @Override
    public void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0 && !hasPrior()) {
            d = 0;  // nothing fixes the dimension any more
            return;
        }
        subtract(contribution(previous));
        recomputeWhenDue(sources);
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

    private InformationContribution contribution(List<double[]> arrays) {
        return InformationContribution.restore(d, arrays.get(0), arrays.get(1));
    }

    /** Recomputes Σ Λᵢ and Σ ηᵢ exactly from the stored contributions, in canonical order. */
    public void recompute(Contributions sources) {
        if (d == 0) {
            return;
        }
        LambdaSum.clear();
        etaSum.clear();
        sources.forEach((id, arrays) -> contribution(arrays).addTo(LambdaSum, etaSum, 1.0));
    }

    private void subtract(InformationContribution previous) {
        previous.addTo(LambdaSum, etaSum, -1.0);
        LambdaSum.countSubtraction();
    }

    private void recomputeWhenDue(Contributions sources) {
        if (LambdaSum.subtractionsSinceReset() >= Math.max(sources.count(), RECOMPUTE_AFTER_SUBTRACTIONS)) {
            recompute(sources);
        }
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
                SymmetricPacking.pack(LambdaSum.sumPart(), d), SymmetricPacking.pack(LambdaSum.compensationPart(), d),
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
