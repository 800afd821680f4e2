package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.mixture.MixtureProductRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance properties, for every rule over many seeded random cases: the fused result does
 * not depend on arrival order; replacing a source equals fusing only its newest version; retracting
 * a source equals never having had it.
 */
class FusionPropertiesTest {

    private static final double TOLERANCE = 1e-9;

    /** A rule for a dimension, and a random posterior of that dimension. */
    record RuleCase(String name, Function<Integer, FusionRule> rule, BiFunction<Random, Integer, SourcePosterior> posterior) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RuleCase> rules() {
        return Stream.of(
                new RuleCase("product", d -> new ProductRule(prior(d)), FusionPropertiesTest::gaussian),
                new RuleCase("product (diagonal sources)", d -> new ProductRule(prior(d)), (r, d) -> {
                    double[] v = new double[d];
                    for (int i = 0; i < d; i++) {
                        v[i] = 0.1 + r.nextDouble();
                    }
                    return new SourcePosterior.DiagonalCovariance(FusionTestData.randomVector(r, d, 1), v);
                }),
                new RuleCase("covariance intersection (trace)",
                        d -> new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false), FusionPropertiesTest::gaussian),
                new RuleCase("covariance intersection (determinant)",
                        d -> new CovarianceIntersectionRule(IntersectionCriterion.DETERMINANT, false), FusionPropertiesTest::gaussian),
                new RuleCase("covariance intersection (fast)",
                        d -> new CovarianceIntersectionRule(IntersectionCriterion.TRACE, true), FusionPropertiesTest::gaussian),
                new RuleCase("fisher", d -> new FisherRule(1e-3, Map.of("s1", 2.0), 1.0), (r, d) -> {
                    double[] F = new double[d];
                    for (int i = 0; i < d; i++) {
                        F[i] = r.nextInt(4) == 0 ? 0.0 : Math.pow(10, 4 * r.nextDouble() - 2);
                    }
                    return new SourcePosterior.Fisher(FusionTestData.randomVector(r, d, 1), F);
                }),
                new RuleCase("mixture product", d -> new MixtureProductRule(prior(d), 3), (r, d) -> {
                    List<SourcePosterior.Component> components = new ArrayList<>();
                    for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                        components.add(new SourcePosterior.Component(0.2 + r.nextDouble(), FusionTestData.randomVector(r, d, 1),
                                FusionTestData.randomSpd(r, d, 0.5, 0.5)));
                    }
                    return new SourcePosterior.Mixture(components);
                }),
                new RuleCase("consensus Monte Carlo", d -> new ConsensusMonteCarloRule(), (r, d) -> {
                    double[][] draws = new double[12][];
                    for (int s = 0; s < draws.length; s++) {
                        draws[s] = FusionTestData.randomVector(r, d, 1);
                    }
                    return new SourcePosterior.Samples(draws);
                }));
    }

    private static InformationContribution prior(int d) {
        double[][] P = new double[d][d];
        for (int i = 0; i < d; i++) {
            P[i][i] = 25.0;
        }
        return InformationContribution.fromCovariance("prior", new double[d], P, 0);
    }

    private static SourcePosterior gaussian(Random r, int d) {
        return new SourcePosterior.Covariance(FusionTestData.randomVector(r, d, 1), FusionTestData.randomSpd(r, d, 0.5, 0.3));
    }

    record Update(String sourceId, long version, SourcePosterior posterior) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void shuffledUpdatesWithStaleVersionsFuseToTheNewestVersionOfEverySource(RuleCase c) {
        Random random = new Random(c.name().hashCode());
        for (int trial = 0; trial < 60; trial++) {
            int d = 1 + random.nextInt(4);
            int K = 1 + random.nextInt(6);
            List<Update> updates = new ArrayList<>();
            Map<String, Update> newest = new TreeMap<>();
            for (int s = 0; s < K; s++) {
                int versions = 1 + random.nextInt(3);
                for (int v = 1; v <= versions; v++) {
                    Update u = new Update("s" + s, v * 10L, c.posterior().apply(random, d));
                    updates.add(u);
                    newest.put(u.sourceId(), u);
                }
            }
            VersionedFusion shuffled = new VersionedFusion(c.rule().apply(d));
            Collections.shuffle(updates, random);
            for (Update u : updates) {
                shuffled.update(u.sourceId(), u.version(), u.posterior());
            }
            VersionedFusion newestOnly = new VersionedFusion(c.rule().apply(d));
            List<Update> finals = new ArrayList<>(newest.values());
            Collections.shuffle(finals, random);
            for (Update u : finals) {
                newestOnly.update(u.sourceId(), u.version(), u.posterior());
            }
            assertThat(new TreeMap<>(shuffled.sources())).isEqualTo(new TreeMap<>(newestOnly.sources()));
            assertSameFusion(shuffled, newestOnly, c + " trial " + trial);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void retractingASourceEqualsNeverHavingHadIt(RuleCase c) {
        Random random = new Random(~c.name().hashCode());
        for (int trial = 0; trial < 60; trial++) {
            int d = 1 + random.nextInt(4);
            int K = 2 + random.nextInt(5);
            VersionedFusion withRetraction = new VersionedFusion(c.rule().apply(d));
            VersionedFusion without = new VersionedFusion(c.rule().apply(d));
            for (int s = 0; s < K; s++) {
                SourcePosterior p = c.posterior().apply(random, d);
                withRetraction.update("s" + s, 1, p);
                if (s % 2 == 0) {
                    without.update("s" + s, 1, p);
                }
            }
            for (int s = 1; s < K; s += 2) {
                assertThat(withRetraction.retract("s" + s, 2).accepted()).isTrue();
            }
            assertThat(withRetraction.sources()).isEqualTo(without.sources());
            assertSameFusion(withRetraction, without, c + " trial " + trial);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aRuleRebuiltFromItsSourcesPosteriorsFusesTheSame(RuleCase c) {
        Random random = new Random(31L * c.name().hashCode());
        for (int trial = 0; trial < 30; trial++) {
            int d = 1 + random.nextInt(4);
            VersionedFusion original = new VersionedFusion(c.rule().apply(d));
            for (int s = 0, K = 1 + random.nextInt(5); s < K; s++) {
                original.update("s" + s, 1 + random.nextInt(9), c.posterior().apply(random, d));
            }
            original.retract("s0", 100);
            VersionedFusion.Rebuilt rebuilt = original.rebuild(c.rule().apply(d));
            assertThat(rebuilt.withdrawn()).isEmpty();
            assertThat(rebuilt.fusion().sources()).isEqualTo(original.sources());
            assertThat(RuleHarness.retractedOf(rebuilt.fusion())).isEqualTo(RuleHarness.retractedOf(original));
            if (!original.sources().isEmpty()) {
                assertSameFusion(rebuilt.fusion(), original, c + " trial " + trial);
            }
        }
    }

    private static void assertSameFusion(VersionedFusion actual, VersionedFusion expected, String what) {
        FusionResult a = actual.result();
        FusionResult e = expected.result();
        assertThat(a.getClass()).as(what).isEqualTo(e.getClass());
        if (e instanceof FusionResult.FisherPosterior fe) {
            FusionResult.FisherPosterior fa = (FusionResult.FisherPosterior) a;
            assertClose(fa.mean(), fe.mean(), TOLERANCE, what + " θ");
            assertClose(fa.fisherDiagonal(), fe.fisherDiagonal(), TOLERANCE, what + " Fisher");
            return;
        }
        if (e instanceof FusionResult.SamplePosterior se) {
            assertClose(((FusionResult.SamplePosterior) a).draws(), se.draws(), TOLERANCE, what + " draws");
            return;
        }
        if (e instanceof FusionResult.IntersectionPosterior ie) {
            // weights follow each fusion's own source order: compare them by source id
            Map<String, Double> wa = byId(actual.sources().keySet(), ((FusionResult.IntersectionPosterior) a).weights());
            Map<String, Double> we = byId(expected.sources().keySet(), ie.weights());
            assertThat(wa.keySet()).isEqualTo(we.keySet());
            we.forEach((id, w) -> assertThat(Math.abs(wa.get(id) - w)).as(what + " weight of " + id).isLessThanOrEqualTo(TOLERANCE));
        }
        if (e instanceof FusionResult.MixturePosterior me) {
            assertClose(((FusionResult.MixturePosterior) a).mixture().weights(), me.mixture().weights(), TOLERANCE, what + " weights");
        }
        assertClose(FusionTestData.gaussianOf(a), FusionTestData.gaussianOf(e), TOLERANCE, what);
    }

    private static Map<String, Double> byId(java.util.Collection<String> ids, double[] weights) {
        Map<String, Double> map = new TreeMap<>();
        int i = 0;
        for (String id : ids) {
            map.put(id, weights[i++]);
        }
        return map;
    }
}
