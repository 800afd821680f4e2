package io.bayesfuse.kernels.fusion.samples;

import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsensusMonteCarloRuleTest {

    /** S exact draws of N(x, P). */
    private static double[][] draws(Random random, Gaussian g, int S) {
        int d = g.dimension();
        DMatrixRMaj L = new DMatrixRMaj(d, d);
        io.bayesfuse.kernels.linalg.CholeskySolver chol = new io.bayesfuse.kernels.linalg.CholeskySolver();
        chol.decompose(g.covarianceMatrix());
        chol.lowerFactor(L);
        double[][] rows = new double[S][d];
        for (int s = 0; s < S; s++) {
            double[] z = FusionTestData.randomVector(random, d, 1);
            for (int i = 0; i < d; i++) {
                double v = g.mean(i);
                for (int k = 0; k <= i; k++) {
                    v += L.get(i, k) * z[k];
                }
                rows[s][i] = v;
            }
        }
        return rows;
    }

    @Test
    void combinedDrawsOfGaussianSubPosteriorsFollowTheirProduct() {
        Random random = new Random(77);
        int d = 3;
        int S = 20_000;
        RuleHarness rule = RuleHarness.of(new ConsensusMonteCarloRule());
        DMatrixRMaj Lambda = new DMatrixRMaj(d, d);
        DMatrixRMaj eta = new DMatrixRMaj(d, 1);
        for (int s = 0; s < 3; s++) {
            Gaussian sub = Gaussian.of("sub", FusionTestData.randomVector(random, d, 1), FusionTestData.randomSpd(random, d, 1, 0.5));
            rule.put("shard-" + s, new SourcePosterior.Samples(draws(random, sub, S)));
            DMatrixRMaj Li = new DMatrixRMaj(d, d);
            CommonOps_DDRM.invert(sub.covarianceMatrix(), Li);
            CommonOps_DDRM.addEquals(Lambda, Li);
            DMatrixRMaj ei = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(Li, sub.meanVector(), ei);
            CommonOps_DDRM.addEquals(eta, ei);
        }
        DMatrixRMaj P = new DMatrixRMaj(d, d);
        CommonOps_DDRM.invert(Lambda, P);
        DMatrixRMaj x = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(P, eta, x);
        FusionResult.SamplePosterior r = (FusionResult.SamplePosterior) rule.result();
        assertThat(r.draws()).hasNumberOfRows(S);
        // sampling error of a mean is about sqrt(P/S) ≈ 0.003 here, of a covariance entry ≈ P·sqrt(2/S)
        assertClose(r.moments().mean(), Matrices.toArray(x), 0.02, "consensus mean");
        assertClose(r.moments().covariance(), Matrices.toRows(P), 0.03, "consensus covariance");
    }

    @Test
    void theCombinedMeanIsThePrecisionWeightedMeanOfTheSourceMeans() {
        Random random = new Random(5);
        RuleHarness rule = RuleHarness.of(new ConsensusMonteCarloRule());
        double[][][] all = new double[3][][];
        for (int s = 0; s < 3; s++) {
            all[s] = draws(random, Gaussian.of("g", FusionTestData.randomVector(random, 2, 1), FusionTestData.randomSpd(random, 2, 1, 0.3)), 50);
            rule.put("s" + s, new SourcePosterior.Samples(all[s]));
        }
        // (Σ Wᵢ)⁻¹ Σ Wᵢ θ̄ᵢ with Wᵢ the inverse sample covariances: exact, because the combination is linear
        DMatrixRMaj Wsum = new DMatrixRMaj(2, 2);
        DMatrixRMaj Wtheta = new DMatrixRMaj(2, 1);
        for (double[][] rows : all) {
            double[] flat = new double[rows.length * 2];
            double[] mean = new double[2];
            for (int k = 0; k < rows.length; k++) {
                flat[2 * k] = rows[k][0];
                flat[2 * k + 1] = rows[k][1];
                mean[0] += rows[k][0] / rows.length;
                mean[1] += rows[k][1] / rows.length;
            }
            DMatrixRMaj W = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.invert(ConsensusMonteCarloRule.sampleCovariance(flat, rows.length, 2), W);
            CommonOps_DDRM.addEquals(Wsum, W);
            DMatrixRMaj wm = new DMatrixRMaj(2, 1);
            CommonOps_DDRM.mult(W, Matrices.column(mean), wm);
            CommonOps_DDRM.addEquals(Wtheta, wm);
        }
        DMatrixRMaj expected = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.solve(Wsum, Wtheta, expected);
        assertClose(((FusionResult.SamplePosterior) rule.result()).moments().mean(), Matrices.toArray(expected), 1e-12, "mean");
    }

    @Test
    void replacingAndRetractingMatchesAFreshCombination() {
        Random random = new Random(6);
        Gaussian g = Gaussian.of("g", new double[]{0, 1}, new double[][]{{1, 0.2}, {0.2, 2}});
        double[][] a = draws(random, g, 40);
        double[][] b = draws(random, g, 40);
        double[][] b2 = draws(random, g, 40);
        double[][] c = draws(random, g, 40);
        RuleHarness incremental = RuleHarness.of(new ConsensusMonteCarloRule());
        incremental.put("a", new SourcePosterior.Samples(a));
        incremental.put("b", new SourcePosterior.Samples(b));
        incremental.put("c", new SourcePosterior.Samples(c));
        incremental.put("b", new SourcePosterior.Samples(b2));
        incremental.remove("a");
        RuleHarness fresh = RuleHarness.of(new ConsensusMonteCarloRule());
        fresh.put("b", new SourcePosterior.Samples(b2));
        fresh.put("c", new SourcePosterior.Samples(c));
        assertClose(((FusionResult.SamplePosterior) incremental.result()).draws(),
                ((FusionResult.SamplePosterior) fresh.result()).draws(), 1e-12, "draws");
    }

    @Test
    void sourcesMustSendEnoughDrawsAndAllTheSameNumber() {
        Random random = new Random(2);
        Gaussian g = Gaussian.of("g", new double[]{0, 1}, new double[][]{{1, 0}, {0, 1}});
        RuleHarness rule = RuleHarness.of(new ConsensusMonteCarloRule());
        assertThatThrownBy(() -> rule.put("few", new SourcePosterior.Samples(draws(random, g, 2))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_DIMENSION))
                .hasMessage("source 'few': samples has 2 draws but a 2-dimensional sample covariance needs at least 3");
        rule.put("a", new SourcePosterior.Samples(draws(random, g, 10)));
        assertThatThrownBy(() -> rule.put("b", new SourcePosterior.Samples(draws(random, g, 11))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCONSISTENT))
                .hasMessageStartingWith("source 'b': samples has 11 draws but the other sources have 10");
        double[][] flat = new double[10][];
        for (int s = 0; s < 10; s++) {
            flat[s] = new double[]{s, 2.0 * s};    // all on a line: singular sample covariance
        }
        assertThatThrownBy(() -> rule.put("line", new SourcePosterior.Samples(flat)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.NOT_POSITIVE_DEFINITE));
    }
}
