package io.bayesfuse.kernels.fusion.elementwise;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules that fuse one component (or one entry of the information form) at a time, so that chunks fuse like the whole. */
class ElementwiseRulesTest {

    private static final IsotropicPrior PRIOR = new IsotropicPrior(0.5, 4.0);

    private static SourcePosterior.DiagonalCovariance diagonal(Random random, int n) {
        double[] x = new double[n];
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = random.nextGaussian();
            v[j] = 0.2 + random.nextDouble();
        }
        return new SourcePosterior.DiagonalCovariance(x, v);
    }

    private static SourcePosterior.DiagonalCovariance slice(SourcePosterior.DiagonalCovariance p, int from, int to) {
        return new SourcePosterior.DiagonalCovariance(Arrays.copyOfRange(p.mean(), from, to), Arrays.copyOfRange(p.variances(), from, to));
    }

    @Test
    void theDiagonalProductEqualsTheDenseProductWithTheSamePrior() {
        Random random = new Random(1);
        int n = 6;
        RuleHarness diagonal = RuleHarness.of(new DiagonalProductRule(PRIOR));
        RuleHarness dense = RuleHarness.of(new ProductRule(PRIOR, Integer.MAX_VALUE));
        double[][] P0 = new double[n][n];
        for (int j = 0; j < n; j++) {
            P0[j][j] = PRIOR.variance();
        }
        RuleHarness explicitPrior = RuleHarness.of(new ProductRule(InformationContribution.fromCovariance("prior",
                filled(n, PRIOR.mean()), P0, 0)));
        for (int k = 0; k < 5; k++) {
            SourcePosterior p = diagonal(random, n);
            diagonal.put("s" + k, p);
            dense.put("s" + k, p);
            explicitPrior.put("s" + k, p);
        }
        diagonal.remove("s2");
        dense.remove("s2");
        explicitPrior.remove("s2");
        FusionResult.DiagonalPosterior d = (FusionResult.DiagonalPosterior) diagonal.result();
        Gaussian g = FusionTestData.gaussianOf(dense.result());
        for (int j = 0; j < n; j++) {
            assertThat(d.mean()[j]).isCloseTo(g.mean()[j], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(d.variances()[j]).isCloseTo(g.covariance()[j][j], org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(FusionTestData.gaussianOf(explicitPrior.result()).mean()).usingComparatorWithPrecision(1e-12)
                .containsExactly(g.mean());
    }

    @Test
    void chunksOfADiagonalGaussianFuseBitForBitLikeTheWholeVector() {
        Random random = new Random(2);
        int n = 1_000;
        int[] cuts = {0, 300, 301, 777, 1_000};
        RuleHarness whole = RuleHarness.of(new DiagonalProductRule(PRIOR));
        RuleHarness[] chunks = new RuleHarness[cuts.length - 1];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = RuleHarness.of(new DiagonalProductRule(PRIOR));
        }
        for (int step = 0; step < 40; step++) {
            String id = "s" + random.nextInt(6);
            if (step % 7 == 6) {
                whole.remove(id);
                for (RuleHarness chunk : chunks) {
                    chunk.remove(id);
                }
                continue;
            }
            SourcePosterior.DiagonalCovariance p = diagonal(random, n);
            whole.put(id, p);
            for (int c = 0; c < chunks.length; c++) {
                chunks[c].put(id, slice(p, cuts[c], cuts[c + 1]));
            }
        }
        FusionResult.DiagonalPosterior w = (FusionResult.DiagonalPosterior) whole.result();
        for (int c = 0; c < chunks.length; c++) {
            FusionResult.DiagonalPosterior part = (FusionResult.DiagonalPosterior) chunks[c].result();
            assertThat(part.mean()).containsExactly(Arrays.copyOfRange(w.mean(), cuts[c], cuts[c + 1]));
            assertThat(part.variances()).containsExactly(Arrays.copyOfRange(w.variances(), cuts[c], cuts[c + 1]));
        }
    }

    @Test
    void slicesOfThePackedInformationFormFuseToTheSlicesOfTheProduct() {
        Random random = new Random(3);
        int d = 5;
        int K = 4;
        int total = (int) SourcePosterior.InformationSlice.flattenedLength(d);
        double[] expected = new double[total];
        double[][] flattened = new double[K][];
        for (int k = 0; k < K; k++) {
            InformationContribution c = InformationContribution.fromCovariance("s", FusionTestData.randomVector(random, d, 1),
                    FusionTestData.randomSpd(random, d, 0.5, 0.3), 0);
            double[] packed = SymmetricPacking.pack(c.precisionMatrix(), d);
            flattened[k] = concat(packed, c.informationVector());
            for (int i = 0; i < total; i++) {
                expected[i] += flattened[k][i];
            }
        }
        // minus (K − 1) times the prior: I/v on the diagonal, m/v in η
        int g = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++, g++) {
                if (i == j) {
                    expected[g] -= (K - 1) * PRIOR.precision();
                }
            }
        }
        for (int i = 0; i < d; i++) {
            expected[g + i] -= (K - 1) * PRIOR.information();
        }
        int[] cuts = {0, 4, 5, 13, total};
        for (int c = 0; c + 1 < cuts.length; c++) {
            RuleHarness chunk = RuleHarness.of(new InformationSliceRule(PRIOR));
            for (int k = 0; k < K; k++) {
                chunk.put("s" + k, new SourcePosterior.InformationSlice(d, cuts[c], Arrays.copyOfRange(flattened[k], cuts[c], cuts[c + 1])));
            }
            FusionResult.InformationSlice fused = (FusionResult.InformationSlice) chunk.result();
            assertThat(fused.offset()).isEqualTo(cuts[c]);
            assertThat(fused.values()).usingComparatorWithPrecision(1e-12)
                    .containsExactly(Arrays.copyOfRange(expected, cuts[c], cuts[c + 1]));
        }
    }

    @Test
    void aSliceThatDoesNotFitItsChunkIsRefused() {
        RuleHarness chunk = RuleHarness.of(new InformationSliceRule(PRIOR));
        chunk.put("a", new SourcePosterior.InformationSlice(3, 2, new double[]{1, 2, 3}));
        assertThatThrownBy(() -> chunk.put("b", new SourcePosterior.InformationSlice(3, 3, new double[]{1, 2, 3})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("this chunk is the slice at 2");
        assertThatThrownBy(() -> chunk.put("c", new SourcePosterior.InformationSlice(2, 4, new double[]{1, 2, 3})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("which has 5 entries");
        assertThatThrownBy(() -> RuleHarness.of(new DiagonalProductRule(null)).put("x",
                new SourcePosterior.Fisher(new double[]{1}, new double[]{1}))).isInstanceOf(InvalidInputException.class);
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
