package io.bayesfuse.kernels.fusion.montecarlo;

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
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.EjmlInformationSolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code method: dc-fusion}: draws from the product Πᵢ fᵢ(θ) of the sources' sub-posteriors, each a
 * Gaussian mixture (or a single Gaussian in any Gaussian form), by divide-and-conquer Monte Carlo
 * Fusion ({@link DivideAndConquerFusion}). As in the papers every fᵢ is expected to carry its share
 * p(θ)^(1/K) of the prior, so no prior is divided out.
 *
 * <p>The draws are a function of the set of sub-posteriors, the options and the seed alone: not of
 * the sources' names nor of the order they arrived in (the fusion tree is built from the
 * sub-posteriors' content hashes). The rule keeps, in memory, the draws of the fusion tree's inner
 * nodes of the last result, so that the next result after one source's new version fuses again
 * only the nodes on that source's path (O(log K) node fusions instead of K − 1). That cache is not
 * persisted: after a restore the first result fuses the whole tree, with the same draws.
 *
 * <p>Sources that send draws ({@code samples}) are refused: smoothing draws into a density is not
 * implemented yet.
 */
public final class DcFusionRule implements FusionRule {

    private final DivideAndConquerFusion fusion;
    private final Map<Long, double[]> nodes = new HashMap<>();
    private int d;
    private DivideAndConquerFusion.Outcome last;

    public DcFusionRule(DcFusionOptions options) {
        this.fusion = new DivideAndConquerFusion(options);
    }

    public DcFusionOptions options() {
        return fusion.options();
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.DC_FUSION;
    }

    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        String subject = PosteriorChecks.subject(sourceId);
        int dimension = sources.count() == 0 || (sources.count() == 1 && sources.get(sourceId) != null) ? 0 : d;
        return arraysOf(leaf(subject, posterior, dimension));
    }

    @Override
    public void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        d = leaf(current).dimension();
    }

    @Override
    public void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0) {
            d = 0;
            nodes.clear();
        }
    }

    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        MixtureLeaf leaf = leaf(arrays);
        List<SourcePosterior.Component> components = new ArrayList<>();
        int n = leaf.dimension();
        for (int k = 0; k < leaf.size(); k++) {
            double[] mean = new double[n];
            for (int i = 0; i < n; i++) {
                mean[i] = leaf.mean(k, i);
            }
            double[] S = leaf.covarianceOf(k);
            double[][] covariance = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(S, i * n, covariance[i], 0, n);
            }
            components.add(new SourcePosterior.Component(leaf.weight(k), mean, covariance));
        }
        return new SourcePosterior.Mixture(components);
    }

    /**
     * The fused draws and their sample moments; {@link FusionResult.NotPositiveDefinite} naming the
     * failure when a node fusion produced no draws.
     */
    @Override
    public FusionResult result(Contributions sources) {
        if (sources.count() == 0) {
            return new FusionResult.NoSources();
        }
        List<MixtureLeaf> leaves = new ArrayList<>();
        sources.forEach((id, arrays) -> leaves.add(leaf(arrays)));
        Set<Long> keep = fusion.nodeKeys(leaves);
        nodes.keySet().retainAll(keep);
        try {
            last = fusion.fuse(leaves, new DivideAndConquerFusion.NodeStore() {
                @Override
                public double[] get(long key) {
                    return nodes.get(key);
                }

                @Override
                public void put(long key, double[] value) {
                    nodes.put(key, value);
                }

                @Override
                public void remove(long key) {
                    nodes.remove(key);
                }
            });
        } catch (FusionFailedException failed) {
            return new FusionResult.NotPositiveDefinite("dc-fusion failed: " + failed.getMessage());
        }
        double[][] draws = last.draws();
        int n = leaves.get(0).dimension();
        double[] flat = new double[draws.length * n];
        for (int j = 0; j < draws.length; j++) {
            System.arraycopy(draws[j], 0, flat, j * n, n);
        }
        double[][] moments = NodeFusion.moments(flat, draws.length, n);
        Gaussian g = Gaussian.trusted(Matrices.column(moments[0]), DMatrixRMaj.wrap(n, n, moments[1]));
        return new FusionResult.SamplePosterior(draws, g);
    }

    /** How the last result went: node fusions done and reused (null before the first result). */
    public DivideAndConquerFusion.Outcome lastOutcome() {
        return last;
    }

    private static MixtureLeaf leaf(List<double[]> arrays) {
        double[] a = arrays.get(0);
        // [M, then weights (M), means (M·d), packed covariances]
        int M = (int) a[0];
        int rest = a.length - 1 - M;
        int n = dimensionOf(M, rest);
        double[] w = java.util.Arrays.copyOfRange(a, 1, 1 + M);
        double[] mu = java.util.Arrays.copyOfRange(a, 1 + M, 1 + M + M * n);
        double[] P = java.util.Arrays.copyOfRange(a, 1 + M + M * n, a.length);
        return MixtureLeaf.fromArrays(w, mu, P);
    }

    /** The d with M·(d + d(d+1)/2) = rest. */
    private static int dimensionOf(int M, int rest) {
        for (int n = 1; n <= 4096; n++) {
            long need = (long) M * (n + SymmetricPacking.packedLength(n));
            if (need == rest) {
                return n;
            }
            if (need > rest) {
                break;
            }
        }
        throw new IllegalArgumentException("dc-fusion arrays of length " + (rest + M + 1) + " do not fit " + M + " components");
    }

    private MixtureLeaf leaf(String subject, SourcePosterior posterior, int dimension) {
        if (posterior instanceof SourcePosterior.Samples) {
            throw PosteriorChecks.wrongForm(subject, posterior, "dc-fusion",
                    "a Gaussian mixture or a Gaussian (fusing draws is not implemented yet)");
        }
        if (posterior instanceof SourcePosterior.Mixture m) {
            if (m.components() == null || m.components().isEmpty()) {
                throw new InvalidInputException(Problem.MISSING, subject, "components", "is empty");
            }
            int M = m.components().size();
            double[] w = new double[M];
            double[][] means = new double[M][];
            double[][][] covariances = new double[M][][];
            int n = dimension;
            for (int k = 0; k < M; k++) {
                SourcePosterior.Component c = m.components().get(k);
                String field = "components[" + k + "]";
                if (!(c.weight() > 0) || !Double.isFinite(c.weight())) {
                    throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field + ".weight",
                            "is " + c.weight() + ", must be positive and finite");
                }
                means[k] = PosteriorChecks.vector(subject, field + ".mean", c.mean(), n);
                n = means[k].length;
                DMatrixRMaj P = PosteriorChecks.spdMatrix(subject, field + ".covariance", c.covariance(), n);
                covariances[k] = Matrices.toRows(P);
                w[k] = c.weight();
            }
            return pack(MixtureLeaf.of(w, means, covariances));
        }
        InformationContribution c = InformationContribution.of(subject, posterior, dimension, "dc-fusion");
        int n = c.dimension();
        double[] x = new double[n];
        double[] P = new double[n * n];
        new EjmlInformationSolver(n).solve(c.precisionMatrix(), c.informationVector(), x, P);
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(P, i * n, rows[i], 0, n);
        }
        return pack(MixtureLeaf.of(new double[]{1.0}, new double[][]{x}, new double[][][]{rows}));
    }

    /** The leaf as its arrays will restore it (packed covariances), so that its content hash survives a round trip. */
    private static MixtureLeaf pack(MixtureLeaf leaf) {
        double[][] a = leaf.toArrays();
        return MixtureLeaf.fromArrays(a[0], a[1], a[2]);
    }

    private static List<double[]> arraysOf(MixtureLeaf leaf) {
        double[][] a = leaf.toArrays();
        int M = a[0].length;
        double[] flat = new double[1 + a[0].length + a[1].length + a[2].length];
        flat[0] = M;
        System.arraycopy(a[0], 0, flat, 1, M);
        System.arraycopy(a[1], 0, flat, 1 + M, a[1].length);
        System.arraycopy(a[2], 0, flat, 1 + M + a[1].length, a[2].length);
        return List.of(flat);
    }

    /** No aggregates (the node cache is not state: it is rebuilt on demand). */
    @Override
    public RuleState exportState() {
        return new RuleState(method(), d, List.of(), 0);
    }

    @Override
    public void importState(RuleState state) {
        d = state.dimension();
        nodes.clear();
    }
}
