package io.bayesfuse.kernels.fusion.intersection;

import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.gaussian.Gaussian;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CovarianceIntersectionRuleTest {

    @Test
    void theReferenceTraceScenarioGivesTheExpectedWeightsAndPosterior() {
        // reference/fuse-ci-trace: the optimum lies on the boundary (all weight on node-0)
        RuleHarness rule = RuleHarness.of(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        rule.put("node-0", new SourcePosterior.Covariance(new double[]{1.1841156493606233, -0.059117327255493415},
                new double[][]{{0.8980791454208366, -0.030427955779278603}, {-0.030427955779278603, 0.5023794055002009}}));
        rule.put("node-1", new SourcePosterior.Covariance(new double[]{0.08484558944073395, -0.44851641687356053},
                new double[][]{{1.0652171522321465, 0.31183417726564716}, {0.31183417726564716, 2.4995763604620866}}));
        FusionResult.IntersectionPosterior r = (FusionResult.IntersectionPosterior) rule.result();
        assertClose(r.weights(), new double[]{0.9999999848794109, 1.512058911412595e-08}, 1e-6, "weights");
        assertClose(r.posterior().mean(), new double[]{1.1841156354715208, -0.059117326997690296}, 1e-6, "mean");
        assertClose(r.posterior().covariance(), new double[][]{{0.8980791470112903, -0.03042795490982467},
                {-0.030427954909824674, 0.5023794114420254}}, 1e-6, "covariance");
    }

    /**
     * Sources whose errors share a common component: eᵢ = c + uᵢ, so the true joint error covariance
     * is Cᵢⱼ = Σc + δᵢⱼΣᵤᵢ and each source reports its true marginal Pᵢ = Σc + Σᵤᵢ. For a linear
     * fusion x̂ = Σ Gᵢxᵢ with Σ Gᵢ = I the true error covariance is Σᵢⱼ Gᵢ Cᵢⱼ Gⱼᵀ.
     */
    @ParameterizedTest
    @EnumSource(IntersectionCriterion.class)
    void intersectionIsNeverOverconfidentOnCorrelatedSourcesWhileTheNaiveProductAlwaysIs(IntersectionCriterion criterion) {
        Random random = new Random(2024 + criterion.ordinal());
        for (int trial = 0; trial < 300; trial++) {
            int K = 2 + random.nextInt(3);
            int d = 1 + random.nextInt(4);
            DMatrixRMaj common = new DMatrixRMaj(FusionTestData.randomSpd(random, d, 1.0 + random.nextDouble(), 0.5));
            DMatrixRMaj[] own = new DMatrixRMaj[K];
            DMatrixRMaj[] Lambda = new DMatrixRMaj[K];
            RuleHarness rule = RuleHarness.of(new CovarianceIntersectionRule(criterion, false));
            DMatrixRMaj naivePrecision = new DMatrixRMaj(d, d);
            for (int i = 0; i < K; i++) {
                own[i] = new DMatrixRMaj(FusionTestData.randomSpd(random, d, 0.3 * random.nextDouble() + 0.01, 0.2));
                DMatrixRMaj P = common.copy();
                CommonOps_DDRM.addEquals(P, own[i]);
                Lambda[i] = new DMatrixRMaj(d, d);
                CommonOps_DDRM.invert(P, Lambda[i]);
                CommonOps_DDRM.addEquals(naivePrecision, Lambda[i]);
                rule.put("s" + i, new SourcePosterior.Covariance(FusionTestData.randomVector(random, d, 1), toRows(P)));
            }
            FusionResult.IntersectionPosterior ci = (FusionResult.IntersectionPosterior) rule.result();
            DMatrixRMaj Pci = ci.posterior().covarianceMatrix();
            double[] omega = ci.weights();
            DMatrixRMaj[] G = new DMatrixRMaj[K];
            for (int i = 0; i < K; i++) {
                G[i] = new DMatrixRMaj(d, d);
                CommonOps_DDRM.mult(omega[i], Pci, Lambda[i], G[i]);    // Gᵢ = P ωᵢ Λᵢ
            }
            DMatrixRMaj trueCi = trueErrorCovariance(G, common, own);
            assertThat(smallestEigenvalue(minus(Pci, trueCi)))
                    .as("trial %d: P_CI − true error covariance must be positive semi-definite", trial)
                    .isGreaterThanOrEqualTo(-1e-10 * CommonOps_DDRM.elementMaxAbs(Pci));

            DMatrixRMaj Pnaive = new DMatrixRMaj(d, d);
            CommonOps_DDRM.invert(naivePrecision, Pnaive);
            for (int i = 0; i < K; i++) {
                CommonOps_DDRM.mult(Pnaive, Lambda[i], G[i]);             // Gᵢ = P Λᵢ
            }
            DMatrixRMaj trueNaive = trueErrorCovariance(G, common, own);
            assertThat(smallestEigenvalue(minus(Pnaive, trueNaive)))
                    .as("trial %d: the naive product claims less uncertainty than it has", trial)
                    .isLessThan(-1e-3 * CommonOps_DDRM.elementMaxAbs(Pnaive));
        }
    }

    private static DMatrixRMaj trueErrorCovariance(DMatrixRMaj[] G, DMatrixRMaj common, DMatrixRMaj[] own) {
        int K = G.length;
        int d = common.numRows;
        DMatrixRMaj total = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj term = new DMatrixRMaj(d, d);
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                DMatrixRMaj C = common.copy();
                if (i == j) {
                    CommonOps_DDRM.addEquals(C, own[i]);
                }
                CommonOps_DDRM.mult(G[i], C, tmp);
                CommonOps_DDRM.multTransB(tmp, G[j], term);
                CommonOps_DDRM.addEquals(total, term);
            }
        }
        return total;
    }

    private static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, c);
        return c;
    }

    private static double smallestEigenvalue(DMatrixRMaj symmetric) {
        io.bayesfuse.kernels.linalg.Matrices.symmetrise(symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, false, true);
        assertThat(eig.decompose(symmetric)).isTrue();
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < symmetric.numRows; i++) {
            smallest = Math.min(smallest, eig.getEigenvalue(i).real);
        }
        return smallest;
    }

    private static double[][] toRows(DMatrixRMaj m) {
        io.bayesfuse.kernels.linalg.Matrices.symmetrise(m);
        return io.bayesfuse.kernels.linalg.Matrices.toRows(m);
    }

    @Test
    void aSingleSourceIsReturnedWithWeightOne() {
        RuleHarness rule = RuleHarness.of(new CovarianceIntersectionRule(IntersectionCriterion.DETERMINANT, false));
        Gaussian g = Gaussian.of("a", new double[]{1, 2}, new double[][]{{2, 0.5}, {0.5, 1}});
        rule.put("a", FusionTestData.covariance(g));
        FusionResult.IntersectionPosterior r = (FusionResult.IntersectionPosterior) rule.result();
        assertThat(r.weights()).containsExactly(1.0);
        assertClose(r.posterior(), g, 1e-12, "single source");
    }

    @Test
    void fastWeightsFollowTheCovarianceTraces() {
        RuleHarness rule = RuleHarness.of(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, true));
        rule.put("a", new SourcePosterior.DiagonalCovariance(new double[]{0, 0}, new double[]{1, 1}));
        rule.put("b", new SourcePosterior.DiagonalCovariance(new double[]{4, 4}, new double[]{3, 3}));
        FusionResult.IntersectionPosterior r = (FusionResult.IntersectionPosterior) rule.result();
        assertClose(r.weights(), new double[]{0.75, 0.25}, 1e-14, "weights ∝ 1/tr P");
        // Λ = 0.75·I + 0.25/3·I = (5/6) I, x = P (0 + 0.25·(4/3)) = 0.4
        assertClose(r.posterior().mean(), new double[]{0.4, 0.4}, 1e-14, "mean");
    }

    @Test
    void sourcesOfDifferentDimensionAreRejectedNamingTheLaterOne() {
        RuleHarness rule = RuleHarness.of(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        rule.put("a", new SourcePosterior.DiagonalCovariance(new double[]{0, 0}, new double[]{1, 1}));
        assertThatThrownBy(() -> rule.put("b", new SourcePosterior.DiagonalCovariance(new double[]{0}, new double[]{1})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("source 'b': mean has 1 components but the quantity has 2");
    }
}
