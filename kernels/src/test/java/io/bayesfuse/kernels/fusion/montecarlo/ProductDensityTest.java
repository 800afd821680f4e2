package io.bayesfuse.kernels.fusion.montecarlo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProductDensityTest {

    private static MixtureLeaf mixture(Random random, int components) {
        double[] w = new double[components];
        double[][] mu = new double[components][];
        double[][][] S = new double[components][][];
        for (int k = 0; k < components; k++) {
            double a = 0.2 + random.nextDouble();
            double b = 0.2 + random.nextDouble();
            double c = 0.2 * (random.nextDouble() - 0.5);
            w[k] = 0.1 + random.nextDouble();
            mu[k] = new double[]{3 * random.nextGaussian(), 3 * random.nextGaussian()};
            S[k] = new double[][]{{a, c}, {c, b}};
        }
        return MixtureLeaf.of(w, mu, S);
    }

    @Test
    void equalsTheSumOfTheSubPosteriorsLogDensitiesUpToOneConstant() {
        Random random = new Random(4);
        // mixtures of 2 and 3 components and two single Gaussians (summed into one quadratic)
        List<MixtureLeaf> leaves = List.of(mixture(random, 2), mixture(random, 3), mixture(random, 1),
                mixture(random, 2), mixture(random, 1));
        assertEqualsTheLeavesSumUpToOneConstant(leaves, 2, 4, random);
    }

    @Test
    void inThreeDimensionsEqualsTheSumOfTheSubPosteriorsLogDensitiesUpToOneConstant() {
        Random random = new Random(6);
        List<MixtureLeaf> leaves = new java.util.ArrayList<>();
        for (int components : new int[]{2, 3, 1, 2}) {
            double[] w = new double[components];
            double[][] mu = new double[components][];
            double[][][] S = new double[components][][];
            for (int k = 0; k < components; k++) {
                double c = 0.2 * (random.nextDouble() - 0.5);
                w[k] = 0.1 + random.nextDouble();
                mu[k] = new double[]{random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
                S[k] = new double[][]{{0.5 + random.nextDouble(), c, 0}, {c, 0.5 + random.nextDouble(), c}, {0, c, 0.5 + random.nextDouble()}};
            }
            leaves.add(MixtureLeaf.of(w, mu, S));
        }
        assertEqualsTheLeavesSumUpToOneConstant(leaves, 3, 2, random);
    }

    /** At 200 points θ ~ N(0, spread²·I), log h(θ) − Σ log (leaf density) is one constant (h is the product up to normalising). */
    private static void assertEqualsTheLeavesSumUpToOneConstant(List<MixtureLeaf> leaves, int d, double spread, Random random) {
        ProductDensity h = new ProductDensity(leaves);
        double[] scratch = h.scratch();
        double constant = Double.NaN;
        for (int n = 0; n < 200; n++) {
            double[] theta = new double[d];
            for (int k = 0; k < d; k++) {
                theta[k] = spread * random.nextGaussian();
            }
            double exact = 0;
            for (MixtureLeaf leaf : leaves) {
                exact += leaf.logDensity(theta);
            }
            double difference = exact - h.logDensity(theta, 0, scratch);
            if (Double.isNaN(constant)) {
                constant = difference;
            }
            assertThat(difference).isCloseTo(constant, within(1e-9 * (1 + Math.abs(exact))));
        }
    }

    @Test
    void manyNarrowMixturesFarFromTheirModesStayFinite() {
        Random random = new Random(5);
        List<MixtureLeaf> leaves = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            leaves.add(mixture(random, 2));
        }
        ProductDensity h = new ProductDensity(leaves);
        double value = h.logDensity(new double[]{40, -40}, 0, h.scratch());
        assertThat(value).isFinite().isNegative();
    }
}
