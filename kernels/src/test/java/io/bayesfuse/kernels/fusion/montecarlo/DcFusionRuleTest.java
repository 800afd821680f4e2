package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DcFusionRuleTest {

    /** 1000 draws, seed 42, few rejuvenation sweeps (the properties hold for any; this keeps the tests quick). */
    private static final DcFusionOptions OPTIONS = withMoves(DcFusionOptions.of(1000, 42), 4);

    private static DcFusionOptions withMoves(DcFusionOptions o, int moves) {
        return new DcFusionOptions(o.draws(), o.seed(), o.branching(), o.timeHorizon(), o.timeEss(), o.meshEss(),
                o.oversampling(), o.bandwidth(), o.smoothingComponents(), moves, o.parallel());
    }

    /** A 2-D Gaussian source N(mean, [[a, c], [c, b]]). */
    private static SourcePosterior.Covariance gaussian(double m0, double m1, double a, double b, double c) {
        return new SourcePosterior.Covariance(new double[]{m0, m1}, new double[][]{{a, c}, {c, b}});
    }

    /** A broad two-component mixture (a mild non-Gaussian sub-posterior that fuses quickly). */
    private static SourcePosterior.Mixture mixture(Random random) {
        List<SourcePosterior.Component> components = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            double a = 1.5 + random.nextDouble();
            double b = 1.5 + random.nextDouble();
            double c = 0.3 * (random.nextDouble() - 0.5);
            components.add(new SourcePosterior.Component(0.3 + random.nextDouble(),
                    new double[]{random.nextGaussian(), random.nextGaussian()}, new double[][]{{a, c}, {c, b}}));
        }
        return new SourcePosterior.Mixture(components);
    }

    private static Map<String, SourcePosterior> mixtures(int K, long seed) {
        Random random = new Random(seed);
        Map<String, SourcePosterior> sources = new LinkedHashMap<>();
        for (int i = 0; i < K; i++) {
            sources.put("shard-" + i, mixture(random));
        }
        return sources;
    }

    private static double[][] draws(RuleHarness rule) {
        return ((FusionResult.SamplePosterior) rule.result()).draws();
    }

    @Test
    void drawsOfGaussianSubPosteriorsFollowTheirExactProduct() {
        RuleHarness rule = RuleHarness.of(new DcFusionRule(DcFusionOptions.of(4000, 7)));
        rule.put("a", gaussian(0.0, 1.0, 1.0, 2.0, 0.3));
        rule.put("b", gaussian(1.5, -0.5, 2.0, 1.0, -0.2));
        rule.put("c", gaussian(-1.0, 0.0, 1.5, 1.5, 0.0));
        rule.put("d", gaussian(0.5, 0.5, 3.0, 1.0, 0.5));
        // the exact product: Λ = Σ Pᵢ⁻¹, x = Λ⁻¹ Σ Pᵢ⁻¹xᵢ
        double[][][] P = {{{1.0, 0.3}, {0.3, 2.0}}, {{2.0, -0.2}, {-0.2, 1.0}}, {{1.5, 0.0}, {0.0, 1.5}}, {{3.0, 0.5}, {0.5, 1.0}}};
        double[][] x = {{0.0, 1.0}, {1.5, -0.5}, {-1.0, 0.0}, {0.5, 0.5}};
        double[] L = new double[4];
        double[] eta = new double[2];
        for (int i = 0; i < 4; i++) {
            double det = P[i][0][0] * P[i][1][1] - P[i][0][1] * P[i][1][0];
            double[] inv = {P[i][1][1] / det, -P[i][0][1] / det, -P[i][1][0] / det, P[i][0][0] / det};
            for (int k = 0; k < 4; k++) {
                L[k] += inv[k];
            }
            eta[0] += inv[0] * x[i][0] + inv[1] * x[i][1];
            eta[1] += inv[2] * x[i][0] + inv[3] * x[i][1];
        }
        double det = L[0] * L[3] - L[1] * L[2];
        double[] C = {L[3] / det, -L[1] / det, -L[2] / det, L[0] / det};
        double[] mu = {C[0] * eta[0] + C[1] * eta[1], C[2] * eta[0] + C[3] * eta[1]};

        FusionResult.SamplePosterior r = (FusionResult.SamplePosterior) rule.result();
        assertThat(r.draws()).hasNumberOfRows(4000);
        double[] mean = r.moments().mean();
        double[][] cov = r.moments().covariance();
        // 4000 draws: a mean's standard error is 0.016 sd, a variance's about 2.2%
        assertThat(Math.abs(mean[0] - mu[0]) / Math.sqrt(C[0])).isLessThan(0.1);
        assertThat(Math.abs(mean[1] - mu[1]) / Math.sqrt(C[3])).isLessThan(0.1);
        assertThat(cov[0][0] / C[0]).isBetween(0.88, 1.12);
        assertThat(cov[1][1] / C[3]).isBetween(0.88, 1.12);
    }

    @Test
    void theSameSourcesInAnyOrderGiveByteIdenticalDraws() {
        Map<String, SourcePosterior> sources = mixtures(5, 3);
        RuleHarness forward = RuleHarness.of(new DcFusionRule(OPTIONS));
        forward.putAll(sources);
        RuleHarness backward = RuleHarness.of(new DcFusionRule(OPTIONS));
        List<String> ids = new ArrayList<>(sources.keySet());
        for (int i = ids.size() - 1; i >= 0; i--) {
            backward.put(ids.get(i), sources.get(ids.get(i)));
        }
        assertThat(draws(backward)).isDeepEqualTo(draws(forward));
    }

    @Test
    void renamingTheSourcesOfMixturesChangesNothing() {
        Map<String, SourcePosterior> sources = mixtures(4, 5);
        RuleHarness original = RuleHarness.of(new DcFusionRule(OPTIONS));
        original.putAll(sources);
        // a↔d, b↔c: the same posteriors under swapped names
        RuleHarness renamed = RuleHarness.of(new DcFusionRule(OPTIONS));
        List<String> ids = new ArrayList<>(sources.keySet());
        for (int i = 0; i < ids.size(); i++) {
            renamed.put(ids.get(ids.size() - 1 - i), sources.get(ids.get(i)));
        }
        assertThat(draws(renamed)).isDeepEqualTo(draws(original));
    }

    @Test
    void retractingASourceEqualsNeverHavingHadIt() {
        Map<String, SourcePosterior> sources = mixtures(5, 11);
        RuleHarness withRetraction = RuleHarness.of(new DcFusionRule(OPTIONS));
        withRetraction.putAll(sources);
        draws(withRetraction);
        withRetraction.remove("shard-2");
        RuleHarness never = RuleHarness.of(new DcFusionRule(OPTIONS));
        sources.forEach((id, posterior) -> {
            if (!id.equals("shard-2")) {
                never.put(id, posterior);
            }
        });
        assertThat(draws(withRetraction)).isDeepEqualTo(draws(never));
    }

    @Test
    void aNewVersionOfOneSourceFusesOnlyTheNodesOnItsPath() {
        DcFusionRule rule = new DcFusionRule(withMoves(DcFusionOptions.of(500, 1), 4));
        RuleHarness harness = RuleHarness.of(rule);
        Random random = new Random(2);
        for (int i = 0; i < 16; i++) {
            harness.put("s" + i, gaussian(random.nextGaussian(), random.nextGaussian(), 1 + random.nextDouble(), 1 + random.nextDouble(), 0.1));
        }
        harness.result();
        assertThat(rule.lastOutcome().nodesFused()).isEqualTo(15);
        harness.put("s7", gaussian(0.3, -0.3, 1.2, 1.4, 0.0));
        harness.result();
        // a binary radix tree over 16 uniform hashes: the path of one leaf has a handful of nodes
        assertThat(rule.lastOutcome().nodesFused()).isBetween(1, 8);
        assertThat(rule.lastOutcome().nodesReused()).isPositive();
    }

    @Test
    void theCachedNodesGiveTheSameDrawsAsAFreshFusion() {
        Map<String, SourcePosterior> sources = mixtures(6, 13);
        RuleHarness incremental = RuleHarness.of(new DcFusionRule(OPTIONS));
        incremental.putAll(sources);
        draws(incremental);
        SourcePosterior replacement = mixture(new Random(99));
        incremental.put("shard-4", replacement);
        RuleHarness fresh = RuleHarness.of(new DcFusionRule(OPTIONS));
        sources.forEach((id, p) -> fresh.put(id, id.equals("shard-4") ? replacement : p));
        assertThat(draws(incremental)).isDeepEqualTo(draws(fresh));
    }

    @Test
    void aSourceThatSendsDrawsIsRefusedWithItsName() {
        RuleHarness rule = RuleHarness.of(new DcFusionRule(OPTIONS));
        assertThatThrownBy(() -> new DcFusionRule(OPTIONS).admit("edge-3",
                new SourcePosterior.Samples(new double[][]{{0, 0}, {1, 1}, {2, 0}}), new io.bayesfuse.kernels.fusion.state.VersionedFusion(new DcFusionRule(OPTIONS))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("edge-3")
                .hasMessageContaining("dc-fusion");
        assertThat(rule.result()).isInstanceOf(FusionResult.NoSources.class);
    }
}
