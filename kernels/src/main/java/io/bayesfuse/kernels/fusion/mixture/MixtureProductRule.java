package io.bayesfuse.kernels.fusion.mixture;

import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
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
import io.bayesfuse.kernels.linalg.EjmlInformationSolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fusion of Gaussian-mixture posteriors: their product with the shared prior divided out once
 * per additional source ({@link MixtureProduct}), reduced after every multiplication to at most
 * {@code maxComponents} components by Runnalls' method ({@link RunnallsReduction}), and summarised
 * by moment matching ({@link MomentMatching}). Sources may also send a single Gaussian (any
 * Gaussian form), a one-component mixture.
 *
 * <p>The sources are multiplied in order of source id, not arrival, so that the reduced result does
 * not depend on arrival order. Not incremental: each result multiplies the stored sources afresh,
 * O(K · M² · d³) for M = maxComponents.
 *
 * <p><b>Source trust</b> ({@link LeaveOneOutTest}): a source's moments against the moments of the
 * others' fused mixture ({@link #leaveOneOut}).
 */
public final class MixtureProductRule implements FusionRule, LeaveOneOutTest {

    private final InformationContribution prior;
    private final int maxComponents;
    private int d;

    /**
     * @param prior         the prior every source used, or null (then at most one source)
     * @param maxComponents the most components the fused mixture keeps (≥ 1)
     */
    public MixtureProductRule(InformationContribution prior, int maxComponents) {
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be at least 1, got " + maxComponents);
        }
        this.prior = prior;
        this.maxComponents = maxComponents;
        this.d = prior == null ? 0 : prior.dimension();
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.MIXTURE_PRODUCT;
    }

    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        String subject = PosteriorChecks.subject(sourceId);
        GaussianMixture mixture = validate(subject, posterior);
        PosteriorChecks.requirePriorForSecondSource(subject, prior != null, sourceId, sources);
        return toArrays(mixture);
    }

    @Override
    public void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        d = dimensionOf(current);
    }

    @Override
    public void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0 && prior == null) {
            d = 0;
        }
    }

    /** The source's mixture (a Gaussian sent in another form comes back as one component). */
    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        GaussianMixture m = mixture(arrays);
        List<SourcePosterior.Component> components = new ArrayList<>();
        for (int k = 0; k < m.size(); k++) {
            Gaussian g = m.component(k);
            components.add(new SourcePosterior.Component(m.weight(k), g.mean(), g.covariance()));
        }
        return new SourcePosterior.Mixture(components);
    }

    @Override
    public FusionResult result(Contributions sources) {
        if (sources.count() == 0) {
            return new FusionResult.NoSources();
        }
        Fused fused = fuse(sources, null);
        if (fused.failure() != null) {
            return new FusionResult.NotPositiveDefinite(fused.failure() + ": the sources are inconsistent with the prior they claim to share");
        }
        return new FusionResult.MixturePosterior(fused.mixture(), MomentMatching.of(fused.mixture()));
    }

    /** The reduced product of the counted sources but {@code excluded} (null for all), or why it failed. */
    private Fused fuse(Contributions sources, String excluded) {
        GaussianMixture[] fused = new GaussianMixture[1];
        String[] failure = new String[1];
        sources.forEach((id, arrays) -> {
            if (failure[0] != null || id.equals(excluded)) {
                return;
            }
            GaussianMixture next = mixture(arrays);
            if (fused[0] == null) {
                fused[0] = RunnallsReduction.reduce(next, maxComponents);
                return;
            }
            MixtureProduct.Outcome product = MixtureProduct.multiply(fused[0], next, prior);
            if (!product.ok()) {
                failure[0] = product.notPositiveDefinite();
                return;
            }
            fused[0] = RunnallsReduction.reduce(product.mixture(), maxComponents);
        });
        return new Fused(failure[0] == null ? fused[0] : null, failure[0]);
    }

    private record Fused(GaussianMixture mixture, String failure) {
    }

    /**
     * The moments of the source's new mixture against the moments of the others' fused mixture (the
     * same reduced product, without the source): χ² = (xᵢ − x₋ᵢ)ᵀ(Pᵢ + P₋ᵢ)⁻¹(xᵢ − x₋ᵢ) with d degrees
     * of freedom ({@link GaussianDisagreement}), exact when every mixture is a single Gaussian (then it is
     * the product rule's test). For mixtures the moment-matched covariances include the spread between
     * components, so a source whose modes are far apart is tested leniently. With an informative
     * prior both sides contain it once and the test is conservative, as for the product. O(K·M²·d³),
     * like a result.
     */
    @Override
    public LeaveOneOut leaveOneOut(String sourceId, List<double[]> candidate, List<double[]> inAggregates, int others,
                                   Contributions sources, TrustTest test) {
        int n = dimensionOf(candidate);
        if (others == 0 || d != n) {
            return LeaveOneOut.untested(n);
        }
        Fused rest = fuse(sources, sourceId);
        if (rest.mixture() == null) {
            return LeaveOneOut.untested(n);
        }
        double chi2 = GaussianDisagreement.chiSquare(MomentMatching.of(mixture(candidate)), MomentMatching.of(rest.mixture()));
        return Double.isNaN(chi2) ? LeaveOneOut.untested(n) : new LeaveOneOut(chi2, n);
    }

    /** Every component's covariance divided by the factor (its information times the factor). */
    @Override
    public List<double[]> scaled(List<double[]> arrays, double factor) {
        double[] covariances = arrays.get(2).clone();
        for (int k = 0; k < covariances.length; k++) {
            covariances[k] /= factor;
        }
        return List.of(arrays.get(0), arrays.get(1), covariances);
    }

    private GaussianMixture validate(String subject, SourcePosterior posterior) {
        if (posterior instanceof SourcePosterior.Mixture m) {
            if (m.components() == null || m.components().isEmpty()) {
                throw new InvalidInputException(Problem.MISSING, subject, "components", "is empty");
            }
            double[] weights = new double[m.components().size()];
            List<Gaussian> components = new ArrayList<>();
            int dimension = d;
            for (int k = 0; k < weights.length; k++) {
                SourcePosterior.Component c = m.components().get(k);
                String field = "components[" + k + "]";
                if (!(c.weight() > 0) || !Double.isFinite(c.weight())) {
                    throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field + ".weight",
                            "is " + c.weight() + ", must be positive and finite");
                }
                double[] x = PosteriorChecks.vector(subject, field + ".mean", c.mean(), dimension);
                dimension = x.length;
                DMatrixRMaj P = PosteriorChecks.spdMatrix(subject, field + ".covariance", c.covariance(), dimension);
                Matrices.symmetrise(P);     // exactly symmetric, so packed snapshots restore exactly
                weights[k] = c.weight();
                components.add(Gaussian.trusted(Matrices.column(x), P));
            }
            return GaussianMixture.of(weights, components);
        }
        InformationContribution c = InformationContribution.of(subject, posterior, d, "mixture-product");
        int n = c.dimension();
        double[] x = new double[n];
        double[] P = new double[n * n];
        new EjmlInformationSolver(n).solve(c.precisionMatrix(), c.informationVector(), x, P);
        return GaussianMixture.single(Gaussian.trusted(Matrices.column(x), DMatrixRMaj.wrap(n, n, P)));
    }

    /** A mixture's arrays: [weights, means (row by row), covariances (packed, one after another)]. */
    private static List<double[]> toArrays(GaussianMixture m) {
        int n = m.dimension();
        int packed = SymmetricPacking.packedLength(n);
        double[] means = new double[m.size() * n];
        double[] covariances = new double[m.size() * packed];
        for (int k = 0; k < m.size(); k++) {
            Gaussian g = m.component(k);
            System.arraycopy(g.mean(), 0, means, k * n, n);
            System.arraycopy(SymmetricPacking.pack(g.covarianceMatrix().data, n), 0, covariances, k * packed, packed);
        }
        return List.of(m.weights(), means, covariances);
    }

    private static int dimensionOf(List<double[]> arrays) {
        return arrays.get(1).length / arrays.get(0).length;
    }

    private static GaussianMixture mixture(List<double[]> a) {
        int M = a.get(0).length;
        int n = dimensionOf(a);
        int packed = SymmetricPacking.packedLength(n);
        if (a.size() != 3 || a.get(1).length != M * n || a.get(2).length != M * packed) {
            throw new IllegalArgumentException("mixture arrays do not fit " + M + " components of dimension " + n);
        }
        List<Gaussian> components = new ArrayList<>();
        for (int k = 0; k < M; k++) {
            double[] x = Arrays.copyOfRange(a.get(1), k * n, (k + 1) * n);
            double[] P = SymmetricPacking.unpack(Arrays.copyOfRange(a.get(2), k * packed, (k + 1) * packed), n);
            components.add(Gaussian.trusted(Matrices.column(x), DMatrixRMaj.wrap(n, n, P)));
        }
        return GaussianMixture.ofNormalised(a.get(0), components);
    }

    /** No aggregates. */
    @Override
    public RuleState exportState() {
        return new RuleState(method(), d, List.of(), 0);
    }

    @Override
    public void importState(RuleState state) {
        d = state.dimension();
    }
}
