package io.bayesfuse.kernels.fusion.mixture;

import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.gaussian.Gaussian;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MixtureTest {

    private static Gaussian g1(double mean, double variance) {
        return Gaussian.of("test", new double[]{mean}, new double[][]{{variance}});
    }

    private static double density(GaussianMixture m, double x) {
        double p = 0;
        for (int k = 0; k < m.size(); k++) {
            double v = m.component(k).covariance(0, 0);
            double dx = x - m.component(k).mean(0);
            p += m.weight(k) * Math.exp(-0.5 * dx * dx / v) / Math.sqrt(2 * Math.PI * v);
        }
        return p;
    }

    @Test
    void theProductOfOneDimensionalMixturesIsTheNormalisedProductOfTheirDensities() {
        GaussianMixture a = GaussianMixture.of(new double[]{0.3, 0.7}, List.of(g1(-2, 1), g1(1, 0.5)));
        GaussianMixture b = GaussianMixture.of(new double[]{0.6, 0.4}, List.of(g1(0, 2), g1(3, 1)));
        GaussianMixture prior = GaussianMixture.single(g1(0, 10));
        InformationContribution priorInfo = InformationContribution.fromCovariance("prior", new double[]{0}, new double[][]{{10}}, 0);
        MixtureProduct.Outcome product = MixtureProduct.multiply(a, b, priorInfo);
        assertThat(product.ok()).isTrue();
        assertThat(product.mixture().size()).isEqualTo(4);

        // compare with a · b / prior on a fine grid, normalised numerically
        double h = 1e-3;
        double z = 0;
        for (double x = -15; x <= 15; x += h) {
            z += density(a, x) * density(b, x) / density(prior, x) * h;
        }
        for (double x = -4; x <= 5; x += 0.25) {
            double expected = density(a, x) * density(b, x) / density(prior, x) / z;
            assertThat(density(product.mixture(), x)).as("density at %s", x).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void singleGaussianMixturesFuseExactlyLikeTheProductRule() {
        Random random = new Random(4);
        InformationContribution prior = InformationContribution.fromCovariance("prior", new double[3],
                FusionTestData.randomSpd(random, 3, 5, 1), 0);
        RuleHarness mixtures = RuleHarness.of(new MixtureProductRule(prior, 4));
        RuleHarness product = RuleHarness.of(new ProductRule(prior));
        for (int s = 0; s < 4; s++) {
            SourcePosterior p = new SourcePosterior.Covariance(FusionTestData.randomVector(random, 3, 1),
                    FusionTestData.randomSpd(random, 3, 0.5, 0.5));
            mixtures.put("s" + s, p);
            product.put("s" + s, p);
        }
        FusionResult.MixturePosterior r = (FusionResult.MixturePosterior) mixtures.result();
        assertThat(r.mixture().size()).isEqualTo(1);
        assertClose(r.moments(), FusionTestData.gaussianOf(product.result()), 1e-10, "mixture vs product");
    }

    @Test
    void reductionKeepsAtMostTheMaximumAndPreservesTheOverallMoments() {
        Random random = new Random(9);
        for (int trial = 0; trial < 50; trial++) {
            int d = 1 + random.nextInt(3);
            int n = 2 + random.nextInt(12);
            double[] w = new double[n];
            List<Gaussian> components = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                w[k] = 0.1 + random.nextDouble();
                components.add(Gaussian.of("c", FusionTestData.randomVector(random, d, 3),
                        FusionTestData.randomSpd(random, d, 0.5, 0.2)));
            }
            GaussianMixture mixture = GaussianMixture.of(w, components);
            int max = 1 + random.nextInt(n);
            GaussianMixture reduced = RunnallsReduction.reduce(mixture, max);
            assertThat(reduced.size()).isEqualTo(Math.min(max, n));
            // every merge is a moment match, so the whole mixture's mean and covariance are unchanged
            assertClose(MomentMatching.of(reduced), MomentMatching.of(mixture), 1e-10, "trial " + trial);
        }
    }

    @Test
    void runnallsMergesTheCloseComponentsFirst() {
        GaussianMixture m = GaussianMixture.of(new double[]{1, 1, 1},
                List.of(g1(0.0, 1.0), g1(10.0, 1.0), g1(0.1, 1.0)));
        GaussianMixture reduced = RunnallsReduction.reduce(m, 2);
        assertThat(reduced.size()).isEqualTo(2);
        assertThat(reduced.component(0).mean(0)).isCloseTo(0.05, within(1e-12));
        assertThat(reduced.weight(0)).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(reduced.component(1).mean(0)).isEqualTo(10.0);
    }

    @Test
    void momentMatchingAddsTheSpreadOfTheMeansToTheCovariance() {
        Gaussian merged = MomentMatching.merge(1, g1(-1, 1), 1, g1(1, 1));
        assertThat(merged.mean(0)).isEqualTo(0.0);
        assertThat(merged.covariance(0, 0)).isEqualTo(2.0);
    }

    @Test
    void theFusedMixtureDoesNotDependOnArrivalOrderEvenWhenReduced() {
        Random random = new Random(12);
        InformationContribution prior = InformationContribution.fromCovariance("prior", new double[2],
                new double[][]{{20, 0}, {0, 20}}, 0);
        List<SourcePosterior> posteriors = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<SourcePosterior.Component> components = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                components.add(new SourcePosterior.Component(0.2 + random.nextDouble(),
                        FusionTestData.randomVector(random, 2, 2), FusionTestData.randomSpd(random, 2, 1, 0.5)));
            }
            posteriors.add(new SourcePosterior.Mixture(components));
        }
        RuleHarness forward = RuleHarness.of(new MixtureProductRule(prior, 5));
        RuleHarness backward = RuleHarness.of(new MixtureProductRule(prior, 5));
        for (int s = 0; s < 4; s++) {
            forward.put("s" + s, posteriors.get(s));
            backward.put("s" + (3 - s), posteriors.get(3 - s));
        }
        FusionResult.MixturePosterior f = (FusionResult.MixturePosterior) forward.result();
        FusionResult.MixturePosterior b = (FusionResult.MixturePosterior) backward.result();
        assertThat(f.mixture().size()).isEqualTo(5);
        assertThat(f.mixture().weights()).isEqualTo(b.mixture().weights());
        assertClose(f.moments(), b.moments(), 1e-15, "moments");
    }

    @Test
    void badComponentsAreRejectedNamingTheSourceAndTheComponent() {
        RuleHarness rule = RuleHarness.of(new MixtureProductRule(null, 3));
        assertThatThrownBy(() -> rule.put("m", new SourcePosterior.Mixture(List.of(
                new SourcePosterior.Component(1.0, new double[]{0}, new double[][]{{1}}),
                new SourcePosterior.Component(-1.0, new double[]{0}, new double[][]{{1}})))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("source 'm': components[1].weight is -1.0, must be positive and finite");
        assertThatThrownBy(() -> rule.put("m", new SourcePosterior.Mixture(List.of(
                new SourcePosterior.Component(1.0, new double[]{0}, new double[][]{{-1}})))))
                .hasMessage("source 'm': components[0].covariance is not positive definite");
        rule.put("a", new SourcePosterior.Mixture(List.of(new SourcePosterior.Component(1.0, new double[]{0}, new double[][]{{1}}))));
        assertThatThrownBy(() -> rule.put("b", new SourcePosterior.DiagonalCovariance(new double[]{0}, new double[]{1})))
                .hasMessageStartingWith("source 'b': prior is missing");
    }
}
