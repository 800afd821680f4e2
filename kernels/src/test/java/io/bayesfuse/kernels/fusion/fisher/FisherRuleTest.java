package io.bayesfuse.kernels.fusion.fisher;

import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FisherRuleTest {

    private static SourcePosterior.Fisher fisher(double[] theta, double[] F) {
        return new SourcePosterior.Fisher(theta, F);
    }

    private static FusionResult.FisherPosterior merged(RuleHarness rule) {
        return (FusionResult.FisherPosterior) rule.result();
    }

    @Test
    void theReferenceScenarioMergesElementwiseByFisherInformation() {
        // reference/fuse-fisher
        RuleHarness rule = RuleHarness.of(new FisherRule());
        rule.put("worker-0", fisher(new double[]{-0.6112749269830765, 0.8992714188288299, 1.177614416154215, 1.3368613572467125, 0.5060299001181211, -0.9150651824932753, -0.5874846223914671, 1.1477562709248723},
                new double[]{0.9222005629726464, 1.3355581332391442, 2.6079791765893674, 4.433545550021115, 1.3983130908156578, 1.2863325061365125, 0.4248500081764217, 1.009672298456583}));
        rule.put("worker-1", fisher(new double[]{0.009970683611529568, -0.551123966318064, 0.9714560895645656, -0.863857429852206, -0.6612058763169798, 0.665407148907327, 1.3239873345523214, 1.5388622371991154},
                new double[]{0.6014232359776459, 0.39501513398257937, 5.159825413958911, 1.1243498083754349, 0.7138025104543066, 1.517951164122435, 1.0137454974349758, 1.4373969779804947}));
        rule.put("worker-2", fisher(new double[]{0.0582651410020388, -0.028940513621681603, -0.4866875567300765, 0.11366822933487651, -1.0801930813915726, -0.08775446827164111, -2.4341913289418002, -0.042859060582864074},
                new double[]{3.0481511660569716, 1.8567786372226622, 1.5555927701156234, 2.018421305279325, 1.2755716954357121, 3.3645905675178667, 2.4593960504795396, 0.9496632221515824}));
        FusionResult.FisherPosterior r = merged(rule);
        assertClose(r.mean(), new double[]{-0.08314506431658075, 0.2591300901970459, 0.7858347946446173, 0.6843943292894874, -0.33717571928856355, -0.07493756098138293, -1.2555304745149676, 0.9803868774544744}, 1e-12, "θ");
        assertClose(r.fisherDiagonal(), new double[]{4.571774965007264, 3.587351904444386, 9.323397360663902, 7.576316663675875, 3.3876872967056766, 6.168874237776814, 3.897991556090937, 3.39673249858866}, 1e-12, "Σ F");
    }

    @Test
    void perSourceWeightsScaleEachSourcesFisher() {
        RuleHarness rule = RuleHarness.of(new FisherRule(0.0, Map.of("b", 3.0), 1.0));
        rule.put("a", fisher(new double[]{0.0}, new double[]{2.0}));
        rule.put("b", fisher(new double[]{1.0}, new double[]{2.0}));
        // θ = (1·2·0 + 3·2·1) / (1·2 + 3·2) = 0.75, fused Fisher 8
        assertThat(merged(rule).mean()).containsExactly(0.75);
        assertThat(merged(rule).fisherDiagonal()).containsExactly(8.0);
    }

    @Test
    void theFloorLiftsZeroFisherEntries() {
        RuleHarness rule = RuleHarness.of(new FisherRule(0.5, Map.of(), 1.0));
        rule.put("a", fisher(new double[]{0.0, 0.0}, new double[]{0.0, 4.0}));
        rule.put("b", fisher(new double[]{3.0, 3.0}, new double[]{1.0, 0.0}));
        // entry 0: (0.5·0 + 1·3)/(0.5 + 1) = 2; entry 1: (4·0 + 0.5·3)/(4 + 0.5) = 1/3
        assertClose(merged(rule).mean(), new double[]{2.0, 1.0 / 3.0}, 1e-15, "θ");
        assertClose(merged(rule).fisherDiagonal(), new double[]{1.5, 4.5}, 1e-15, "floored Σ F");
    }

    @Test
    void aParameterNoSourceKnowsAnythingAboutGetsTheWeightedMeanOfTheirValues() {
        RuleHarness rule = RuleHarness.of(new FisherRule(0.0, Map.of("b", 3.0), 1.0));
        rule.put("a", fisher(new double[]{1.0, 5.0}, new double[]{0.0, 1.0}));
        rule.put("b", fisher(new double[]{2.0, 7.0}, new double[]{0.0, 0.0}));
        assertThat(merged(rule).mean()).containsExactly(1.75, 5.0);
        assertThat(merged(rule).fisherDiagonal()).containsExactly(0.0, 1.0);
    }

    @Test
    void retractingTheOnlyInformedSourceLeavesNoResidueBehind() {
        RuleHarness rule = RuleHarness.of(new FisherRule());
        rule.put("a", fisher(new double[]{1.0}, new double[]{0.0}));
        rule.put("b", fisher(new double[]{100.0}, new double[]{1e30}));
        rule.put("c", fisher(new double[]{3.0}, new double[]{0.0}));
        rule.remove("b");
        assertThat(merged(rule).mean()).containsExactly(2.0);
        assertThat(merged(rule).fisherDiagonal()).containsExactly(0.0);
    }

    @Test
    void incrementalUpdatesMatchAFreshMergeAndABatchMerge() {
        Random random = new Random(8);
        int d = 1000;
        RuleHarness incremental = RuleHarness.of(new FisherRule(1e-6, Map.of("s3", 2.5), 1.0));
        Map<String, SourcePosterior> current = new LinkedHashMap<>();
        for (int step = 0; step < 400; step++) {
            String id = "s" + random.nextInt(10);
            if (current.containsKey(id) && random.nextInt(5) == 0) {
                incremental.remove(id);
                current.remove(id);
                continue;
            }
            double scale = Math.pow(10, random.nextInt(12) - 6);
            double[] theta = new double[d];
            double[] F = new double[d];
            for (int j = 0; j < d; j++) {
                theta[j] = random.nextGaussian();
                F[j] = random.nextInt(10) == 0 ? 0.0 : scale * random.nextDouble();
            }
            SourcePosterior p = fisher(theta, F);
            incremental.put(id, p);
            current.put(id, p);         // a replacement keeps the source's place, as in the rule
        }
        RuleHarness oneByOne = RuleHarness.of(new FisherRule(1e-6, Map.of("s3", 2.5), 1.0));
        current.forEach(oneByOne::put);
        RuleHarness batch = RuleHarness.of(new FisherRule(1e-6, Map.of("s3", 2.5), 1.0));
        batch.putAll(current);
        assertClose(merged(incremental).mean(), merged(oneByOne).mean(), 1e-12, "incremental θ");
        assertClose(merged(batch).mean(), merged(oneByOne).mean(), 1e-12, "batch θ");
        assertThat(merged(incremental).fisherDiagonal()).usingComparatorWithPrecision(1e-12)
                .containsExactly(merged(oneByOne).fisherDiagonal());
        assertThat(incremental.sourceIds()).containsExactlyInAnyOrderElementsOf(current.keySet());
    }

    @Test
    void eightSourcesOfAMillionParametersMergeExactly() {
        int d = 1_000_000;
        int K = 8;
        Random random = new Random(1);
        Map<String, SourcePosterior> sources = new LinkedHashMap<>();
        double[][] theta = new double[K][d];
        double[][] F = new double[K][d];
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < d; j++) {
                theta[k][j] = random.nextGaussian();
                F[k][j] = random.nextDouble();
            }
            sources.put("worker-" + k, fisher(theta[k], F[k]));
        }
        RuleHarness rule = RuleHarness.of(new FisherRule());
        rule.putAll(sources);
        FusionResult.FisherPosterior r = merged(rule);
        for (int j = 0; j < d; j += 997) {
            double num = 0;
            double den = 0;
            for (int k = 0; k < K; k++) {
                num += F[k][j] * theta[k][j];
                den += F[k][j];
            }
            assertThat(r.mean()[j]).isCloseTo(num / den, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(num / den))));
            assertThat(r.fisherDiagonal()[j]).isCloseTo(den, org.assertj.core.data.Offset.offset(1e-12 * den));
        }
        rule.put("worker-3", fisher(theta[0], F[0]));   // one incremental replacement of a million entries
        assertThat(merged(rule).mean()).hasSize(d);
    }

    @Test
    void badSourcesAreRejectedNamingTheSourceAndTheProblem() {
        RuleHarness rule = RuleHarness.of(new FisherRule());
        rule.put("a", fisher(new double[]{1, 2}, new double[]{1, 1}));
        assertThatThrownBy(() -> rule.put("short", fisher(new double[]{1}, new double[]{1})))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_DIMENSION))
                .hasMessage("source 'short': mean has 1 components but the quantity has 2");
        assertThatThrownBy(() -> rule.put("mismatch", fisher(new double[]{1, 2}, new double[]{1, 1, 1})))
                .hasMessage("source 'mismatch': fisherDiagonal has 3 components but the quantity has 2");
        assertThatThrownBy(() -> rule.put("negative", fisher(new double[]{1, 2}, new double[]{1, -0.5})))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.OUT_OF_RANGE))
                .hasMessage("source 'negative': fisherDiagonal has a negative entry (-0.5) at index 1");
        assertThatThrownBy(() -> rule.put("nan", fisher(new double[]{Double.NaN, 2}, new double[]{1, 1})))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.NON_FINITE));
        assertThatThrownBy(() -> rule.put("gaussian", new SourcePosterior.DiagonalCovariance(new double[]{1, 2}, new double[]{1, 1})))
                .hasMessageStartingWith("source 'gaussian': fisherDiagonal is missing: method fisher needs fisherDiagonal");
        assertThat(rule.sourceIds()).containsExactly("a");
    }
}
