package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.mixture.MixtureProductRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.random.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Source trust for every rule that can test a source against the others: covariance intersection,
 * Fisher merging and mixture products as well as the product. Four sources estimate θ ∈ ℝ² with
 * errors N(0, I) each step, each in its rule's form: a covariance I, Fisher entries (1, 1), or a
 * two-component mixture whose moments are (x, I).
 */
class RuleTrustTest {

    static final String[] IDS = {"a", "b", "c", "d"};
    static final double[][] I = {{1, 0}, {0, 1}};
    static final double[] THETA = {3.0, -1.0};
    static final TrustSettings QUARANTINE = new TrustSettings(0.999, TrustAction.QUARANTINE, 3);

    static InformationContribution weakPrior() {
        return InformationContribution.fromCovariance("prior", new double[2], new double[][]{{1e12, 0}, {0, 1e12}}, 0);
    }

    enum Rule {
        PRODUCT(() -> new ProductRule(weakPrior())),
        COVARIANCE_INTERSECTION(() -> new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false)),
        FISHER(FisherRule::new),
        MIXTURE(() -> new MixtureProductRule(weakPrior(), 8));

        final Supplier<FusionRule> rule;

        Rule(Supplier<FusionRule> rule) {
            this.rule = rule;
        }

        VersionedFusion fusion(TrustSettings settings) {
            return new VersionedFusion(rule.get()).trust(settings);
        }

        /** A posterior with mean x and covariance I in the rule's form. */
        SourcePosterior posterior(double[] x) {
            return switch (this) {
                case PRODUCT, COVARIANCE_INTERSECTION -> new SourcePosterior.Covariance(x, I);
                case FISHER -> new SourcePosterior.Fisher(x, new double[]{1, 1});
                // components at x ± (0.5, 0) with covariance diag(0.75, 1): moments (x, I)
                case MIXTURE -> new SourcePosterior.Mixture(List.of(
                        new SourcePosterior.Component(0.5, new double[]{x[0] - 0.5, x[1]}, new double[][]{{0.75, 0}, {0, 1}}),
                        new SourcePosterior.Component(0.5, new double[]{x[0] + 0.5, x[1]}, new double[][]{{0.75, 0}, {0, 1}})));
            };
        }
    }

    static double[] honest(SplitMix64 random) {
        return new double[]{THETA[0] + random.nextGaussian(), THETA[1] + random.nextGaussian()};
    }

    static double[] mean(FusionResult result) {
        if (result instanceof FusionResult.GaussianPosterior g) {
            return g.posterior().mean();
        }
        if (result instanceof FusionResult.IntersectionPosterior g) {
            return g.posterior().mean();
        }
        if (result instanceof FusionResult.FisherPosterior f) {
            return f.mean();
        }
        if (result instanceof FusionResult.MixturePosterior m) {
            return m.moments().mean();
        }
        throw new AssertionError("unexpected result " + result);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void aBiasedSourceIsQuarantinedLeftOutOfTheFusionAndReadmittedAfterThreeHonestUpdates(Rule rule) {
        SplitMix64 random = new SplitMix64(42);
        VersionedFusion fusion = rule.fusion(QUARANTINE);
        int version = 0;
        for (; version < 10; version++) {
            for (String id : IDS) {
                fusion.update(id, version, rule.posterior(honest(random)));
            }
        }
        assertThat(fusion.quarantinedSources()).isEmpty();

        // d sends a 10σ bias; the others stay honest
        Map<String, double[]> latest = new java.util.TreeMap<>();
        for (String id : IDS) {
            double[] x = honest(random);
            if (id.equals("d")) {
                x[0] += 10;
            }
            latest.put(id, x);
            fusion.update(id, version, rule.posterior(x));
        }
        version++;
        assertThat(fusion.quarantinedSources()).containsOnlyKeys("d");
        VersionedFusion others = rule.fusion(null);
        for (String id : List.of("a", "b", "c")) {
            others.update(id, 1, rule.posterior(latest.get(id)));
        }
        assertThat(mean(fusion.result())).as("the fusion without d").containsExactly(mean(others.result()), within(1e-9));

        // honest again: quarantined for two more updates, readmitted at the third
        TrustVerdict.State[] states = new TrustVerdict.State[3];
        for (int k = 0; k < 3; k++, version++) {
            for (String id : IDS) {
                fusion.update(id, version, rule.posterior(honest(random)));
                if (id.equals("d")) {
                    states[k] = fusion.lastTrustVerdict().state();
                }
            }
        }
        assertThat(states).containsExactly(TrustVerdict.State.QUARANTINED, TrustVerdict.State.QUARANTINED,
                TrustVerdict.State.READMITTED);
        assertThat(fusion.quarantinedSources()).isEmpty();
        assertThat(fusion.sources()).containsOnlyKeys(IDS);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void honestSourcesAtProbability0999AreWronglyQuarantinedInAtMostTwoTenthsOfAPercentOfTenThousandUpdates(Rule rule) {
        SplitMix64 random = new SplitMix64(2027);
        VersionedFusion fusion = rule.fusion(QUARANTINE);
        int quarantines = 0;
        int tested = 0;
        for (int version = 0; version < 2500; version++) {
            for (String id : IDS) {
                fusion.update(id, version, rule.posterior(honest(random)));
                TrustVerdict verdict = fusion.lastTrustVerdict();
                tested += Double.isNaN(verdict.statistic()) ? 0 : 1;
                quarantines += verdict.state() == TrustVerdict.State.NEWLY_QUARANTINED ? 1 : 0;
            }
        }
        assertThat(tested).as("updates tested against the others").isGreaterThan(9_990);
        assertThat(quarantines).as("wrong quarantines in 10,000 updates").isLessThanOrEqualTo(20);
    }

    /** The rules' statistics are the product's where their fusions coincide. */
    @ParameterizedTest
    @EnumSource(value = Rule.class, names = {"FISHER", "MIXTURE"})
    void forSourcesThatAreDiagonalGaussiansTheStatisticIsTheProducts(Rule rule) {
        SplitMix64 random = new SplitMix64(5);
        VersionedFusion product = Rule.PRODUCT.fusion(new TrustSettings(0.999, TrustAction.NONE, 1));
        VersionedFusion other = rule.fusion(new TrustSettings(0.999, TrustAction.NONE, 1));
        for (int version = 0; version < 20; version++) {
            for (String id : IDS) {
                double[] x = honest(random);
                double[] variances = {0.5 + random.nextDouble(), 0.5 + random.nextDouble()};
                product.update(id, version, new SourcePosterior.DiagonalCovariance(x, variances));
                other.update(id, version, rule == Rule.FISHER
                        ? new SourcePosterior.Fisher(x, new double[]{1 / variances[0], 1 / variances[1]})
                        : new SourcePosterior.Mixture(List.of(new SourcePosterior.Component(1, x,
                        new double[][]{{variances[0], 0}, {0, variances[1]}}))));
                TrustVerdict expected = product.lastTrustVerdict();
                TrustVerdict actual = other.lastTrustVerdict();
                if (Double.isNaN(expected.statistic())) {
                    assertThat(actual.statistic()).isNaN();
                } else {
                    assertThat(actual.statistic()).as("version %d source %s", version, id)
                            .isCloseTo(expected.statistic(), within(1e-6 * (1 + expected.statistic())));
                }
            }
        }
    }

    @Test
    void againstASingleOtherSourceCovarianceIntersectionTestsLikeTheProduct() {
        VersionedFusion ci = Rule.COVARIANCE_INTERSECTION.fusion(new TrustSettings(0.999, TrustAction.NONE, 1));
        double[][] Pa = {{2, 0.5}, {0.5, 1}};
        double[][] Pb = {{1, -0.2}, {-0.2, 3}};
        ci.update("a", 1, new SourcePosterior.Covariance(new double[]{0, 0}, Pa));
        ci.update("b", 1, new SourcePosterior.Covariance(new double[]{1, 2}, Pb));
        // χ² = rᵀ(Pa + Pb)⁻¹r, r = (1, 2), Pa + Pb = [[3, 0.3], [0.3, 4]]
        double det = 3 * 4 - 0.3 * 0.3;
        double expected = (4 * 1 - 2 * 0.3 * 1 * 2 + 3 * 4) / det;
        assertThat(ci.lastTrustVerdict().statistic()).isCloseTo(expected, within(1e-9));
        assertThat(ci.lastTrustVerdict().threshold()).isCloseTo(13.8155, within(1e-3));
    }

    @Test
    void fisherTestsOnlyTheParametersOnWhichBothTheSourceAndTheOthersHaveInformation() {
        VersionedFusion fisher = Rule.FISHER.fusion(new TrustSettings(0.999, TrustAction.NONE, 1));
        fisher.update("a", 1, new SourcePosterior.Fisher(new double[]{0, 0, 0}, new double[]{1, 1, 0}));
        fisher.update("b", 1, new SourcePosterior.Fisher(new double[]{2, 0, 50}, new double[]{1, 0, 4}));
        // only the first parameter: z² = 2² / (1 + 1)
        assertThat(fisher.lastTrustVerdict().statistic()).isCloseTo(2.0, within(1e-12));
        assertThat(fisher.lastTrustVerdict().threshold()).isCloseTo(10.8276, within(1e-3)); // χ²₁⁻¹(0.999)
    }

    @ParameterizedTest
    @EnumSource(value = Rule.class, names = {"COVARIANCE_INTERSECTION", "FISHER", "MIXTURE"})
    void downWeightingScalesAFailingSourcesInformationSoThatItFailsByLessButStillFails(Rule rule) {
        VersionedFusion fusion = rule.fusion(new TrustSettings(0.999, TrustAction.DOWN_WEIGHT, 1));
        fusion.update("a", 1, rule.posterior(new double[]{0, 0}));
        fusion.update("b", 1, rule.posterior(new double[]{0.2, -0.1}));
        fusion.update("c", 1, rule.posterior(new double[]{12, 0}));
        TrustVerdict verdict = fusion.lastTrustVerdict();
        assertThat(verdict.consistent()).isFalse();
        assertThat(fusion.sources()).containsOnlyKeys("a", "b", "c");
        // tested again as it now stands: its information scaled by f = threshold/χ², S' ≤ S/f, so threshold ≤ χ²' < χ²
        VersionedFusion check = rule.fusion(new TrustSettings(0.999, TrustAction.NONE, 1));
        check.update("a", 1, rule.posterior(new double[]{0, 0}));
        check.update("b", 1, rule.posterior(new double[]{0.2, -0.1}));
        check.update("c", 1, fusion.posterior("c"));
        assertThat(check.lastTrustVerdict().statistic()).isBetween(verdict.threshold() * (1 - 1e-9), verdict.statistic() * (1 - 1e-3));
    }

    /**
     * Fisher, 1,000 parameters, four honest sources with F = 1; then source d is 8σ off in one
     * parameter only. Summed over all parameters (chi-square) that is χ² ≈ 1,048 against a gate of
     * χ²₁₀₀₀⁻¹(0.999) ≈ 1,153: missed; the largest z² (max-z, Šidák over 1,000) catches it. Both
     * quarantine an honest source in at most 0.2% of its updates.
     */
    @Test
    void fisherMaxZSeesABiasInOneOfAThousandParametersThatTheSumOfSquaresMisses() {
        int d = 1000;
        double[] F = new double[d];
        java.util.Arrays.fill(F, 1.0);
        for (TrustTest test : TrustTest.values()) {
            SplitMix64 random = new SplitMix64(77);
            VersionedFusion fusion = new VersionedFusion(new FisherRule()).trust(new TrustSettings(0.999, TrustAction.QUARANTINE, 3, test));
            int wrong = 0;
            for (int version = 0; version < 250; version++) {
                for (String id : IDS) {
                    fusion.update(id, version, new SourcePosterior.Fisher(noise(random, d), F));
                    wrong += fusion.lastTrustVerdict().state() == TrustVerdict.State.NEWLY_QUARANTINED ? 1 : 0;
                }
            }
            assertThat(wrong).as("%s: wrong quarantines in 1,000 honest updates", test).isLessThanOrEqualTo(2);
            double[] biased = noise(random, d);
            biased[417] += 8;
            fusion.update("d", 250, new SourcePosterior.Fisher(biased, F));
            TrustVerdict verdict = fusion.lastTrustVerdict();
            assertThat(verdict.consistent()).as("%s: statistic %s against the gate %s", test, verdict.statistic(), verdict.threshold())
                    .isEqualTo(test == TrustTest.CHI_SQUARE);
        }
    }

    @Test
    void maxZIsOfferedByFisherOnly() {
        TrustSettings maxZ = new TrustSettings(0.999, TrustAction.QUARANTINE, 3, TrustTest.MAX_Z);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rule.PRODUCT.fusion(maxZ))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trust test MAX_Z is not available for PRODUCT");
        assertThat(Rule.FISHER.fusion(maxZ).trustSettings().test()).isEqualTo(TrustTest.MAX_Z);
    }

    private static double[] noise(SplitMix64 random, int d) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = random.nextGaussian();
        }
        return x;
    }
}
