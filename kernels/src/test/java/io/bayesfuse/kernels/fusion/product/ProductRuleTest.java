package io.bayesfuse.kernels.fusion.product;

import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.gaussian.Gaussian;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static io.bayesfuse.kernels.fusion.FusionTestData.gaussianOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductRuleTest {

    /** Bayesian linear regression on shards of one data set, every shard starting from the same prior. */
    record Regression(Gaussian prior, List<Gaussian> shardPosteriors, Gaussian fullPosterior) {

        static Regression random(Random random, int d, int shards, int rowsPerShard) {
            double noiseVariance = 0.5 + random.nextDouble();
            double[] w = FusionTestData.randomVector(random, d, 1.0);
            double[][] P0 = FusionTestData.randomSpd(random, d, 4.0, 0.5);
            double[] x0 = FusionTestData.randomVector(random, d, 0.5);
            DMatrixRMaj Lambda0 = CommonOps_DDRM.identity(d);
            CommonOps_DDRM.invert(new DMatrixRMaj(P0), Lambda0);
            DMatrixRMaj eta0 = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(Lambda0, new DMatrixRMaj(d, 1, true, x0), eta0);

            DMatrixRMaj LambdaFull = Lambda0.copy();
            DMatrixRMaj etaFull = eta0.copy();
            List<Gaussian> posteriors = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                DMatrixRMaj X = new DMatrixRMaj(rowsPerShard, d);
                DMatrixRMaj y = new DMatrixRMaj(rowsPerShard, 1);
                for (int r = 0; r < rowsPerShard; r++) {
                    double yr = Math.sqrt(noiseVariance) * random.nextGaussian();
                    for (int c = 0; c < d; c++) {
                        double v = random.nextGaussian();
                        X.set(r, c, v);
                        yr += v * w[c];
                    }
                    y.set(r, 0, yr);
                }
                // Λᵢ = Λ₀ + XᵢᵀXᵢ/σ², ηᵢ = η₀ + Xᵢᵀyᵢ/σ²
                DMatrixRMaj XtX = new DMatrixRMaj(d, d);
                CommonOps_DDRM.multTransA(X, X, XtX);
                CommonOps_DDRM.scale(1 / noiseVariance, XtX);
                DMatrixRMaj Xty = new DMatrixRMaj(d, 1);
                CommonOps_DDRM.multTransA(X, y, Xty);
                CommonOps_DDRM.scale(1 / noiseVariance, Xty);
                DMatrixRMaj Lambda = Lambda0.copy();
                CommonOps_DDRM.addEquals(Lambda, XtX);
                DMatrixRMaj eta = eta0.copy();
                CommonOps_DDRM.addEquals(eta, Xty);
                posteriors.add(moments(Lambda, eta));
                CommonOps_DDRM.addEquals(LambdaFull, XtX);
                CommonOps_DDRM.addEquals(etaFull, Xty);
            }
            return new Regression(Gaussian.of("prior", x0, P0), posteriors, moments(LambdaFull, etaFull));
        }

        private static Gaussian moments(DMatrixRMaj Lambda, DMatrixRMaj eta) {
            int d = Lambda.numRows;
            DMatrixRMaj P = new DMatrixRMaj(d, d);
            CommonOps_DDRM.invert(Lambda, P);
            io.bayesfuse.kernels.linalg.Matrices.symmetrise(P);
            DMatrixRMaj x = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(P, eta, x);
            return Gaussian.trusted(x, P);
        }

        InformationContribution priorContribution() {
            return InformationContribution.fromCovariance("prior", prior.mean(), prior.covariance(), 0);
        }
    }

    private static SourcePosterior covariance(Gaussian g) {
        return FusionTestData.covariance(g);
    }

    @Test
    void fusingDataShardPosteriorsGivesTheFullDataPosterior() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + random.nextInt(6);
            int K = 1 + random.nextInt(8);
            Regression regression = Regression.random(random, d, K, 5 + random.nextInt(20));
            RuleHarness rule = RuleHarness.of(new ProductRule(regression.priorContribution()));
            for (int s = 0; s < K; s++) {
                rule.put("shard-" + s, covariance(regression.shardPosteriors().get(s)));
            }
            assertClose(gaussianOf(rule.result()), regression.fullPosterior(), 1e-9, "trial " + trial);
        }
    }

    @Test
    void diagonalAndInformationFormsFuseLikeTheEquivalentFullCovariance() {
        double[][] priorP = {{4, 0}, {0, 4}};
        InformationContribution prior = InformationContribution.fromCovariance("prior", new double[2], priorP, 0);
        RuleHarness full = RuleHarness.of(new ProductRule(prior));
        RuleHarness mixed = RuleHarness.of(new ProductRule(prior));
        full.put("a", new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{0.5, 0}, {0, 0.25}}));
        full.put("b", new SourcePosterior.Covariance(new double[]{1.5, 1}, new double[][]{{1, 0.2}, {0.2, 0.5}}));
        mixed.put("a", new SourcePosterior.DiagonalCovariance(new double[]{1, 2}, new double[]{0.5, 0.25}));
        Gaussian b = Gaussian.of("b", new double[]{1.5, 1}, new double[][]{{1, 0.2}, {0.2, 0.5}});
        DMatrixRMaj Lambda = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.invert(b.covarianceMatrix(), Lambda);
        DMatrixRMaj eta = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.mult(Lambda, b.meanVector(), eta);
        mixed.put("b", new SourcePosterior.Information(
                io.bayesfuse.kernels.linalg.Matrices.toRows(Lambda), eta.data.clone()));
        assertClose(gaussianOf(mixed.result()), gaussianOf(full.result()), 1e-12, "mixed forms");
    }

    @Test
    void aSingleSourceIsItsOwnPosteriorEvenWithoutAPrior() {
        RuleHarness rule = RuleHarness.of(new ProductRule(null));
        Gaussian g = Gaussian.of("a", new double[]{1, -2}, new double[][]{{2, 0.3}, {0.3, 1}});
        rule.put("a", covariance(g));
        assertClose(gaussianOf(rule.result()), g, 1e-12, "single source");
    }

    @Test
    void withNoSourcesLeftTheResultIsThePriorOrNothing() {
        Random random = new Random(5);
        Regression regression = Regression.random(random, 3, 2, 10);
        RuleHarness rule = RuleHarness.of(new ProductRule(regression.priorContribution()));
        rule.put("a", covariance(regression.shardPosteriors().get(0)));
        rule.remove("a");
        assertClose(gaussianOf(rule.result()), regression.prior(), 1e-10, "prior");

        RuleHarness noPrior = RuleHarness.of(new ProductRule(null));
        assertThat(noPrior.result()).isInstanceOf(FusionResult.NoSources.class);
    }

    @Test
    void sourcesInconsistentWithTheSharedPriorGiveATypedNotPositiveDefiniteResult() {
        InformationContribution prior = InformationContribution.fromCovariance("prior", new double[]{0, 0},
                new double[][]{{1, 0}, {0, 1}}, 0);
        RuleHarness rule = RuleHarness.of(new ProductRule(prior));
        // each source claims less information than the prior it supposedly started from
        rule.put("a", new SourcePosterior.Covariance(new double[]{0, 0}, new double[][]{{5, 0}, {0, 5}}));
        rule.put("b", new SourcePosterior.Covariance(new double[]{0, 0}, new double[][]{{5, 0}, {0, 5}}));
        assertThat(rule.result()).isInstanceOfSatisfying(FusionResult.NotPositiveDefinite.class,
                r -> assertThat(r.detail()).contains("Σ Λᵢ − (K−1) Λ₀ of 2 source(s) is not positive definite"));
    }

    @Test
    void aFlatPriorInInformationFormGivesTheNaiveProduct() {
        InformationContribution flat = InformationContribution.priorFromInformation("prior",
                new double[][]{{0, 0}, {0, 0}}, new double[]{0, 0});
        RuleHarness rule = RuleHarness.of(new ProductRule(flat));
        rule.put("a", new SourcePosterior.DiagonalCovariance(new double[]{1, 1}, new double[]{1, 1}));
        rule.put("b", new SourcePosterior.DiagonalCovariance(new double[]{3, 3}, new double[]{1, 1}));
        Gaussian fused = gaussianOf(rule.result());
        assertClose(fused.mean(), new double[]{2.0, 2.0}, 1e-15, "mean");
        assertClose(fused.covariance(), new double[][]{{0.5, 0}, {0, 0.5}}, 1e-15, "covariance");
    }

    @Test
    void aSecondSourceWithoutAPriorIsAnErrorNamingIt() {
        RuleHarness rule = RuleHarness.of(new ProductRule(null));
        rule.put("a", new SourcePosterior.DiagonalCovariance(new double[]{1}, new double[]{1}));
        assertThatThrownBy(() -> rule.put("b", new SourcePosterior.DiagonalCovariance(new double[]{1}, new double[]{1})))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.MISSING);
                    assertThat(e.subject()).isEqualTo("source 'b'");
                    assertThat(e.field()).isEqualTo("prior");
                });
        assertThat(rule.sourceIds()).containsExactly("a");
    }

    @Test
    void badSourcesAreRejectedNamingTheSourceAndTheProblem() {
        RuleHarness rule = RuleHarness.of(new ProductRule(InformationContribution.fromCovariance("prior", new double[]{0, 0},
                new double[][]{{9, 0}, {0, 9}}, 0)));
        assertRejected(rule, "wrong-size", new SourcePosterior.Covariance(new double[]{1, 2, 3}, new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
                Problem.WRONG_DIMENSION, "source 'wrong-size': mean has 3 components but the quantity has 2");
        assertRejected(rule, "ragged", new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 0}, {0}}),
                Problem.WRONG_DIMENSION, "source 'ragged': covariance row 1 has 1 entries but must have 2");
        assertRejected(rule, "not-spd", new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 2}, {2, 1}}),
                Problem.NOT_POSITIVE_DEFINITE, "source 'not-spd': covariance is not positive definite");
        assertRejected(rule, "asymmetric", new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 0.5}, {0, 1}}),
                Problem.NOT_POSITIVE_DEFINITE, "source 'asymmetric': covariance is not symmetric");
        assertRejected(rule, "nan", new SourcePosterior.Covariance(new double[]{1, Double.NaN}, new double[][]{{1, 0}, {0, 1}}),
                Problem.NON_FINITE, "source 'nan': mean has a non-finite value (NaN) at index 1");
        assertRejected(rule, "inf", new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 0}, {0, Double.POSITIVE_INFINITY}}),
                Problem.NON_FINITE, "source 'inf': covariance has a non-finite value");
        assertRejected(rule, "zero-variance", new SourcePosterior.DiagonalCovariance(new double[]{1, 2}, new double[]{1, 0}),
                Problem.NOT_POSITIVE_DEFINITE, "source 'zero-variance': covarianceDiagonal has a non-positive variance (0.0) at index 1");
        assertRejected(rule, "fisher", new SourcePosterior.Fisher(new double[]{1, 2}, new double[]{1, 1}),
                Problem.MISSING, "source 'fisher': covariance, covarianceDiagonal or precision with informationVector is missing");
        assertThat(rule.sourceIds()).isEmpty();
    }

    private static void assertRejected(RuleHarness rule, String source, SourcePosterior posterior, Problem problem, String message) {
        assertThatThrownBy(() -> rule.put(source, posterior))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessageStartingWith(message);
    }

    @Test
    void thousandsOfReplacementsAndRetractionsOfWildlyScaledSourcesMatchAFreshProduct() {
        Random random = new Random(17);
        int d = 4;
        InformationContribution prior = InformationContribution.priorFromInformation("prior", new double[d][d], new double[d]);
        RuleHarness incremental = RuleHarness.of(new ProductRule(prior));
        java.util.Map<String, SourcePosterior> current = new java.util.LinkedHashMap<>();
        for (int step = 0; step < 5000; step++) {
            String id = "s" + random.nextInt(12);
            if (current.containsKey(id) && random.nextInt(4) == 0) {
                incremental.remove(id);
                current.remove(id);
                continue;
            }
            double scale = Math.pow(10, random.nextInt(16) - 8);   // precisions from 1e-8 to 1e8
            SourcePosterior p = new SourcePosterior.Covariance(FusionTestData.randomVector(random, d, 10),
                    FusionTestData.randomSpd(random, d, 1 / scale, 0.2));
            incremental.put(id, p);
            current.put(id, p);
        }
        SourcePosterior anchor = new SourcePosterior.Covariance(new double[d], FusionTestData.randomSpd(random, d, 1, 0.5));
        incremental.put("anchor", anchor);
        current.put("anchor", anchor);
        RuleHarness fresh = RuleHarness.of(new ProductRule(prior));
        current.forEach(fresh::put);
        Gaussian expected = gaussianOf(fresh.result());
        Gaussian actual = gaussianOf(incremental.result());
        assertRelativeToLargest(actual.mean(), expected.mean(), 1e-10, "mean");
        for (int i = 0; i < d; i++) {
            assertRelativeToLargest(actual.covariance()[i], expected.covariance()[i], 1e-10, "covariance row " + i);
        }
    }

    /** Entries agree to {@code tolerance} times the largest expected magnitude (scale-free). */
    private static void assertRelativeToLargest(double[] actual, double[] expected, double tolerance, String what) {
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as(what + "[" + i + "]").isLessThanOrEqualTo(tolerance * largest);
        }
    }

    @Test
    void largeDimensionsGoThroughLapackAndAgreeWithTheSmallMatrixPath() {
        Random random = new Random(64);
        Regression regression = Regression.random(random, 80, 3, 60);
        RuleHarness lapack = RuleHarness.of(new ProductRule(regression.priorContribution(), 64));
        RuleHarness ejml = RuleHarness.of(new ProductRule(regression.priorContribution(), Integer.MAX_VALUE));
        for (int s = 0; s < 3; s++) {
            lapack.put("shard-" + s, covariance(regression.shardPosteriors().get(s)));
            ejml.put("shard-" + s, covariance(regression.shardPosteriors().get(s)));
        }
        assertClose(gaussianOf(lapack.result()), gaussianOf(ejml.result()), 1e-10, "LAPACK vs EJML");
        assertClose(gaussianOf(lapack.result()), regression.fullPosterior(), 1e-8, "full data");
    }
}
