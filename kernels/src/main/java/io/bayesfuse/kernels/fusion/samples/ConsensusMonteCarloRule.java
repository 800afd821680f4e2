package io.bayesfuse.kernels.fusion.samples;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.IncrementalFusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.RuleState;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.CompensatedSum;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Consensus Monte Carlo (Scott et al., "Bayes and big data: the consensus Monte Carlo algorithm",
 * 2016) for sample-based sub-posteriors: the s-th draws of all sources are combined by precision
 * weighting,
 * <pre>
 *   θₛ = (Σᵢ Wᵢ)⁻¹ Σᵢ Wᵢ θᵢₛ,    Wᵢ = Σ̂ᵢ⁻¹ (inverse sample covariance of source i's draws)
 * </pre>
 * which is exact for Gaussian sub-posteriors. As in the paper each source is expected to have
 * used a fractionated prior p(θ)^(1/K), so no prior is divided out here. Every source must send
 * the same number S of draws (draws are paired by index), at least d + 1 of them so that Σ̂ᵢ is
 * positive definite.
 *
 * <p><b>Incremental.</b> Σ Wᵢ (d×d) and Σ Wᵢθᵢₛ (S×d) are running {@link CompensatedSum}s, so an
 * update costs O(S·d²) whatever the number of sources, and a result one Cholesky solve with S
 * right-hand sides. Exact recomputation after every max(K, {@value IncrementalFusionRule#RECOMPUTE_AFTER_SUBTRACTIONS})
 * subtractions.
 */
public final class ConsensusMonteCarloRule extends IncrementalFusionRule {

    /** Sample covariances with (min Lᵢᵢ / max Lᵢᵢ)² below this are treated as singular. */
    private static final double SINGULAR_BELOW = 1e-13;

    private int d;
    private int S;
    private CompensatedSum Wsum;           // Σ Wᵢ, row-major d×d
    private CompensatedSum WthetaSum;      // Σ Wᵢθᵢₛ, row s at [s·d, (s+1)·d)

    /** One source: its dimension n, its draws (S×n row-major) and W = Σ̂⁻¹ (n×n row-major). */
    private record Source(int n, double[] draws, double[] W) {
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.CONSENSUS_MONTE_CARLO;
    }

    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        Source source = validate(sourceId, posterior);
        return List.of(source.draws(), SymmetricPacking.pack(source.W(), source.n()));
    }

    @Override
    protected boolean sized() {
        return d != 0;
    }

    @Override
    protected void sizeFor(List<double[]> first) {
        Source source = source(first);
        fix(source.n(), source.draws().length / source.n());
    }

    @Override
    protected boolean forgetSize() {
        d = 0;
        S = 0;
        return true;
    }

    @Override
    protected void accumulate(List<double[]> arrays, double sign) {
        accumulate(source(arrays), sign);
    }

    @Override
    protected void countSubtraction(List<double[]> previous) {
        Wsum.countSubtraction();
    }

    @Override
    protected long subtractions() {
        return Wsum.subtractionsSinceReset();
    }

    @Override
    protected void clearSums() {
        Wsum.clear();
        WthetaSum.clear();
    }

    /** A source from its arrays [draws (S×n row-major), W packed]. */
    private static Source source(List<double[]> arrays) {
        int n = SymmetricPacking.dimensionOf(arrays.get(1).length);
        return new Source(n, arrays.get(0), SymmetricPacking.unpack(arrays.get(1), n));
    }

    /** The source's draws, one row per draw. */
    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        Source s = source(arrays);
        double[][] draws = new double[s.draws().length / s.n()][s.n()];
        for (int r = 0; r < draws.length; r++) {
            System.arraycopy(s.draws(), r * s.n(), draws[r], 0, s.n());
        }
        return new SourcePosterior.Samples(draws);
    }

    @Override
    public FusionResult result(Contributions sources) {
        if (sources.count() == 0) {
            return new FusionResult.NoSources();
        }
        DMatrixRMaj W = new DMatrixRMaj(d, d);
        Wsum.values(W.data);
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(W)) {
            return new FusionResult.NotPositiveDefinite("the summed precision Σ Wᵢ of the sources' draws is not positive definite");
        }
        // solve (Σ Wᵢ) θₛ = Σ Wᵢθᵢₛ for all draws at once: right-hand sides as the columns of a d×S matrix
        DMatrixRMaj rhs = new DMatrixRMaj(d, S);
        for (int s = 0; s < S; s++) {
            for (int i = 0; i < d; i++) {
                rhs.data[i * S + s] = WthetaSum.value(s * d + i);
            }
        }
        DMatrixRMaj theta = new DMatrixRMaj(d, S);
        cholesky.solve(rhs, theta);
        double[][] draws = new double[S][d];
        for (int s = 0; s < S; s++) {
            for (int i = 0; i < d; i++) {
                draws[s][i] = theta.data[i * S + s];
            }
        }
        return new FusionResult.SamplePosterior(draws, sampleMoments(draws));
    }

    private void accumulate(Source source, double sign) {
        Wsum.add(source.W(), sign);
        double[] theta = source.draws();
        double[] W = source.W();
        for (int s = 0; s < S; s++) {
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += W[i * d + k] * theta[s * d + k];
                }
                WthetaSum.add(s * d + i, sign * v);
            }
        }
    }

    private Source validate(String sourceId, SourcePosterior posterior) {
        String subject = PosteriorChecks.subject(sourceId);
        if (!(posterior instanceof SourcePosterior.Samples samples)) {
            throw PosteriorChecks.wrongForm(subject, posterior, "consensus-monte-carlo", "samples");
        }
        double[][] rows = samples.draws();
        if (rows == null || rows.length == 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "samples", "is empty");
        }
        if (S > 0 && rows.length != S) {
            throw new InvalidInputException(Problem.INCONSISTENT, subject, "samples",
                    "has " + rows.length + " draws but the other sources have " + S
                            + " (consensus Monte Carlo pairs draws by index)");
        }
        int n = d;
        double[] draws = null;
        for (int s = 0; s < rows.length; s++) {
            double[] row = PosteriorChecks.vector(subject, "samples[" + s + "]", rows[s], n);
            if (draws == null) {
                n = row.length;
                draws = new double[rows.length * n];
            }
            System.arraycopy(row, 0, draws, s * n, n);
        }
        if (rows.length < n + 1) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "samples",
                    "has " + rows.length + " draws but a " + n + "-dimensional sample covariance needs at least " + (n + 1));
        }
        DMatrixRMaj covariance = sampleCovariance(draws, rows.length, n);
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(covariance) || conditionBound(cholesky, n) < SINGULAR_BELOW) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "samples",
                    "have a sample covariance that is singular to working precision (degenerate draws)");
        }
        DMatrixRMaj W = new DMatrixRMaj(n, n);
        cholesky.invert(W);
        return new Source(n, draws, W.data);
    }

    /**
     * (min Lᵢᵢ / max Lᵢᵢ)² of the Cholesky factor: a cheap lower bound on 1/cond(Σ̂) up to a factor
     * of n, small when the draws (nearly) lie in a subspace.
     */
    private static double conditionBound(CholeskySolver cholesky, int n) {
        DMatrixRMaj L = new DMatrixRMaj(n, n);
        cholesky.lowerFactor(L);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, L.get(i, i));
            max = Math.max(max, L.get(i, i));
        }
        return (min / max) * (min / max);
    }

    /** Σ̂ = 1/(S−1) Σₛ (θₛ − θ̄)(θₛ − θ̄)ᵀ of row-major draws. */
    static DMatrixRMaj sampleCovariance(double[] draws, int count, int n) {
        double[] mean = new double[n];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < n; i++) {
                mean[i] += draws[s * n + i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= count;
        }
        DMatrixRMaj C = new DMatrixRMaj(n, n);
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < n; i++) {
                double di = draws[s * n + i] - mean[i];
                for (int j = i; j < n; j++) {
                    C.data[i * n + j] += di * (draws[s * n + j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = C.data[i * n + j] / (count - 1);
                C.data[i * n + j] = v;
                C.data[j * n + i] = v;
            }
        }
        return C;
    }

    private static Gaussian sampleMoments(double[][] draws) {
        int count = draws.length;
        int n = draws[0].length;
        double[] flat = new double[count * n];
        double[] mean = new double[n];
        for (int s = 0; s < count; s++) {
            System.arraycopy(draws[s], 0, flat, s * n, n);
            for (int i = 0; i < n; i++) {
                mean[i] += draws[s][i] / count;
            }
        }
        DMatrixRMaj covariance = count > 1 ? sampleCovariance(flat, count, n) : new DMatrixRMaj(n, n);
        return Gaussian.trusted(Matrices.column(mean), covariance);
    }

    private void fix(int dimension, int draws) {
        d = dimension;
        S = draws;
        Wsum = new CompensatedSum(d * d);
        WthetaSum = new CompensatedSum(S * d);
    }

    /**
     * Aggregates: [Σ Wᵢ packed, its compensation packed, Σ Wᵢθᵢₛ, its compensation]; each source:
     * [draws (S×d row-major), Wᵢ packed].
     */
    @Override
    public RuleState exportState() {
        List<double[]> aggregates = d == 0 ? List.of() : List.of(
                Wsum.packedSumPart(d), Wsum.packedCompensationPart(d),
                WthetaSum.sumPart(), WthetaSum.compensationPart());
        return new RuleState(method(), d, aggregates, d == 0 ? 0 : Wsum.subtractionsSinceReset());
    }

    @Override
    public void importState(RuleState state) {
        d = 0;
        S = 0;
        if (state.dimension() == 0) {
            return;
        }
        List<double[]> a = state.aggregates();
        if (a.size() != 4) {
            throw new IllegalArgumentException("consensus Monte Carlo state needs 4 aggregates, has " + a.size());
        }
        int dimension = state.dimension();
        fix(dimension, a.get(2).length / dimension);
        Wsum = CompensatedSum.restore(SymmetricPacking.unpack(a.get(0), d), SymmetricPacking.unpack(a.get(1), d),
                state.subtractions());
        WthetaSum = CompensatedSum.restore(a.get(2), a.get(3), 0);
    }
}
