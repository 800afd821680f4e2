package io.bayesfuse.kernels.fusion.mixture;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.EjmlInformationSolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 */
public final class MixtureProductRule implements FusionRule {

    private final InformationContribution prior;
    private final int maxComponents;
    private final LinkedHashMap<String, GaussianMixture> sources = new LinkedHashMap<>();
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
    public void put(String sourceId, SourcePosterior posterior) {
        String subject = PosteriorChecks.subject(sourceId);
        GaussianMixture mixture = validate(subject, posterior);
        if (prior == null && !sources.containsKey(sourceId) && !sources.isEmpty()) {
            throw new InvalidInputException(Problem.MISSING, subject, "prior",
                    "is missing: a product of " + (sources.size() + 1) + " posteriors must divide out the prior"
                            + " they share (K − 1 times), so configure fusion.prior");
        }
        d = mixture.dimension();
        sources.put(sourceId, mixture);
    }

    @Override
    public void remove(String sourceId) {
        sources.remove(sourceId);
        if (sources.isEmpty() && prior == null) {
            d = 0;
        }
    }

    @Override
    public List<String> sourceIds() {
        return List.copyOf(sources.keySet());
    }

    /** The source's mixture (a Gaussian sent in another form comes back as one component). */
    @Override
    public SourcePosterior posterior(String sourceId) {
        GaussianMixture m = sources.get(sourceId);
        if (m == null) {
            throw new IllegalArgumentException("source '" + sourceId + "' does not contribute to this mixture product");
        }
        List<SourcePosterior.Component> components = new ArrayList<>();
        for (int k = 0; k < m.size(); k++) {
            Gaussian g = m.component(k);
            components.add(new SourcePosterior.Component(m.weight(k), g.mean(), g.covariance()));
        }
        return new SourcePosterior.Mixture(components);
    }

    @Override
    public FusionResult result() {
        if (sources.isEmpty()) {
            return new FusionResult.NoSources();
        }
        GaussianMixture fused = null;
        for (GaussianMixture next : new TreeMap<>(sources).values()) {
            if (fused == null) {
                fused = RunnallsReduction.reduce(next, maxComponents);
                continue;
            }
            MixtureProduct.Outcome product = MixtureProduct.multiply(fused, next, prior);
            if (!product.ok()) {
                return new FusionResult.NotPositiveDefinite(product.notPositiveDefinite()
                        + ": the sources are inconsistent with the prior they claim to share");
            }
            fused = RunnallsReduction.reduce(product.mixture(), maxComponents);
        }
        return new FusionResult.MixturePosterior(fused, MomentMatching.of(fused));
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

    /** No aggregates; each source: [weights, means (row by row), covariances (packed, one after another)]. */
    @Override
    public FusionState exportState() {
        List<SourceEntry> entries = new ArrayList<>();
        int packed = SymmetricPacking.packedLength(d);
        for (Map.Entry<String, GaussianMixture> e : sources.entrySet()) {
            GaussianMixture m = e.getValue();
            double[] means = new double[m.size() * d];
            double[] covariances = new double[m.size() * packed];
            for (int k = 0; k < m.size(); k++) {
                Gaussian g = m.component(k);
                System.arraycopy(g.mean(), 0, means, k * d, d);
                double[] P = g.covarianceMatrix().data;
                System.arraycopy(SymmetricPacking.pack(P, d), 0, covariances, k * packed, packed);
            }
            entries.add(new SourceEntry(e.getKey(), 0, List.of(m.weights(), means, covariances)));
        }
        return FusionState.ofRule(method(), d, List.of(), 0, entries);
    }

    @Override
    public void importState(FusionState state) {
        sources.clear();
        d = state.dimension();
        int packed = SymmetricPacking.packedLength(d);
        for (SourceEntry e : state.sources()) {
            List<double[]> a = e.arrays();
            if (a.size() != 3) {
                throw new IllegalArgumentException("mixture state: source '" + e.sourceId() + "' needs 3 arrays");
            }
            int M = a.get(0).length;
            if (a.get(1).length != M * d || a.get(2).length != M * packed) {
                throw new IllegalArgumentException("mixture state: source '" + e.sourceId() + "' arrays do not fit "
                        + M + " components of dimension " + d);
            }
            List<Gaussian> components = new ArrayList<>();
            for (int k = 0; k < M; k++) {
                double[] x = java.util.Arrays.copyOfRange(a.get(1), k * d, (k + 1) * d);
                double[] P = SymmetricPacking.unpack(java.util.Arrays.copyOfRange(a.get(2), k * packed, (k + 1) * packed), d);
                components.add(Gaussian.trusted(Matrices.column(x), DMatrixRMaj.wrap(d, d, P)));
            }
            sources.put(e.sourceId(), GaussianMixture.ofNormalised(a.get(0), components));
        }
    }
}
