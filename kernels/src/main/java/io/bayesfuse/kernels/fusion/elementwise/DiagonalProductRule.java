package io.bayesfuse.kernels.fusion.elementwise;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.RuleState;
import io.bayesfuse.kernels.linalg.CompensatedSum;

import java.util.List;

/**
 * The product of diagonal Gaussians with prior division, one component at a time: for every j,
 * <pre>
 *   λⱼ = Σᵢ 1/σ²ᵢⱼ − (K−1)/v,    ηⱼ = Σᵢ xᵢⱼ/σ²ᵢⱼ − (K−1) m/v,    xⱼ = ηⱼ/λⱼ,  σ²ⱼ = 1/λⱼ
 * </pre>
 * for an isotropic prior N(m·1, v·I) that every source used (or none, for a single source). Each
 * component is fused on its own, so a long parameter vector can be fused chunk by chunk and the
 * chunks' results are exactly those of fusing the whole vector.
 *
 * <p><b>Incremental.</b> Σ 1/σ² and Σ x/σ² are compensated running sums (O(length) per update
 * whatever K), recomputed exactly after every max(K, {@value #RECOMPUTE_AFTER_SUBTRACTIONS})
 * subtractions. A component whose fused precision is not positive makes the result
 * {@link FusionResult.NotPositiveDefinite}.
 */
public final class DiagonalProductRule implements FusionRule {

    public static final int RECOMPUTE_AFTER_SUBTRACTIONS = 1024;

    private final IsotropicPrior prior;
    private int n;
    private CompensatedSum lambdaSum;
    private CompensatedSum etaSum;

    /** @param prior the prior every source used, or null (then at most one source) */
    public DiagonalProductRule(IsotropicPrior prior) {
        this.prior = prior;
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.DIAGONAL_PRODUCT;
    }

    /** Arrays: [1/σ², x/σ²]. */
    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        String subject = PosteriorChecks.subject(sourceId);
        if (!(posterior instanceof SourcePosterior.DiagonalCovariance c)) {
            throw PosteriorChecks.wrongForm(subject, posterior, "product of diagonal Gaussians", "covarianceDiagonal");
        }
        if (prior == null && sources.get(sourceId) == null && sources.count() > 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "prior",
                    "is missing: a product of " + (sources.count() + 1) + " posteriors must divide out the prior"
                            + " they share (K − 1 times), so configure fusion.prior");
        }
        double[] x = PosteriorChecks.vector(subject, "mean", c.mean(), n);
        PosteriorChecks.vector(subject, "covarianceDiagonal", c.variances(), x.length);
        double[] lambda = new double[x.length];
        double[] eta = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double variance = c.variances()[j];
            if (!(variance > 0)) {
                throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "covarianceDiagonal",
                        "has a non-positive variance (" + variance + ") at index " + j);
            }
            lambda[j] = 1.0 / variance;
            eta[j] = x[j] / variance;
        }
        return List.of(lambda, eta);
    }

    @Override
    public void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        if (n == 0) {
            fix(current.get(0).length);
        }
        if (previous != null) {
            accumulate(previous, -1.0);
            lambdaSum.countSubtraction();
        }
        accumulate(current, 1.0);
        recomputeWhenDue(sources);
    }

    @Override
    public void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0) {
            n = 0;
            return;
        }
        accumulate(previous, -1.0);
        lambdaSum.countSubtraction();
        recomputeWhenDue(sources);
    }

    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        double[] lambda = arrays.get(0);
        double[] eta = arrays.get(1);
        double[] x = new double[lambda.length];
        double[] variances = new double[lambda.length];
        for (int j = 0; j < lambda.length; j++) {
            x[j] = eta[j] / lambda[j];
            variances[j] = 1.0 / lambda[j];
        }
        return new SourcePosterior.DiagonalCovariance(x, variances);
    }

    @Override
    public FusionResult result(Contributions sources) {
        int K = sources.count();
        if (K == 0) {
            return new FusionResult.NoSources();
        }
        double priorCount = prior == null ? 0 : K - 1;
        double[] x = new double[n];
        double[] variances = new double[n];
        for (int j = 0; j < n; j++) {
            double lambda = lambdaSum.value(j) - (priorCount == 0 ? 0 : priorCount * prior.precision());
            double eta = etaSum.value(j) - (priorCount == 0 ? 0 : priorCount * prior.information());
            if (!(lambda > 0)) {
                return new FusionResult.NotPositiveDefinite("the fused precision of component " + j + " of " + K
                        + " source(s) is " + lambda + ": the sources are inconsistent with the prior they claim to share");
            }
            x[j] = eta / lambda;
            variances[j] = 1.0 / lambda;
        }
        return new FusionResult.DiagonalPosterior(x, variances);
    }

    /** Recomputes both sums exactly from the stored contributions. */
    public void recompute(Contributions sources) {
        if (n == 0) {
            return;
        }
        lambdaSum.clear();
        etaSum.clear();
        sources.forEach((id, arrays) -> accumulate(arrays, 1.0));
    }

    private void recomputeWhenDue(Contributions sources) {
        if (lambdaSum.subtractionsSinceReset() >= Math.max(sources.count(), RECOMPUTE_AFTER_SUBTRACTIONS)) {
            recompute(sources);
        }
    }

    private void accumulate(List<double[]> arrays, double sign) {
        lambdaSum.add(arrays.get(0), sign);
        etaSum.add(arrays.get(1), sign);
    }

    private void fix(int length) {
        n = length;
        lambdaSum = new CompensatedSum(n);
        etaSum = new CompensatedSum(n);
    }

    /** Aggregates: [Σ 1/σ², its compensation, Σ x/σ², its compensation]. */
    @Override
    public RuleState exportState() {
        List<double[]> aggregates = n == 0 ? List.of() : List.of(lambdaSum.sumPart(), lambdaSum.compensationPart(),
                etaSum.sumPart(), etaSum.compensationPart());
        return new RuleState(method(), n, aggregates, n == 0 ? 0 : lambdaSum.subtractionsSinceReset());
    }

    @Override
    public void importState(RuleState state) {
        n = 0;
        if (state.dimension() == 0) {
            return;
        }
        List<double[]> a = state.aggregates();
        if (a.size() != 4 || a.get(0).length != state.dimension()) {
            throw new IllegalArgumentException("diagonal product state needs 4 aggregates of " + state.dimension() + " entries");
        }
        n = state.dimension();
        lambdaSum = CompensatedSum.restore(a.get(0), a.get(1), state.subtractions());
        etaSum = CompensatedSum.restore(a.get(2), a.get(3), 0);
    }
}
