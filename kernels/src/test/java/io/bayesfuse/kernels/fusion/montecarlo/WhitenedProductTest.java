package io.bayesfuse.kernels.fusion.montecarlo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhitenedProductTest {

    /** Lower Cholesky factor of a child's preconditioner Λ = RRᵀ. */
    private static final double[] R = {1.3, 0, 0.4, 0.8};

    private static MixtureLeaf mixture(Random random, int components) {
        double[] w = new double[components];
        double[][] mu = new double[components][];
        double[][][] S = new double[components][][];
        for (int k = 0; k < components; k++) {
            double a = 0.3 + random.nextDouble();
            double b = 0.3 + random.nextDouble();
            double c = 0.2 * (random.nextDouble() - 0.5);
            w[k] = 0.1 + random.nextDouble();
            mu[k] = new double[]{random.nextGaussian(), random.nextGaussian()};
            S[k] = new double[][]{{a, c}, {c, b}};
        }
        return MixtureLeaf.of(w, mu, S);
    }

    private static List<MixtureLeaf> leaves(Random random) {
        // mixtures of 2, 3 and 4 components and two single Gaussians (summed into one affine gradient)
        return List.of(mixture(random, 2), mixture(random, 3), mixture(random, 1), mixture(random, 4),
                mixture(random, 2), mixture(random, 1));
    }

    /** a(z) = Σᵢ log fᵢ(Rz). */
    private static double logProduct(List<MixtureLeaf> leaves, double z0, double z1) {
        double[] theta = {R[0] * z0, R[2] * z0 + R[3] * z1};
        double sum = 0;
        for (MixtureLeaf leaf : leaves) {
            sum += leaf.logDensity(theta);
        }
        return sum;
    }

    @Test
    void phiIsHalfTheSquaredWhitenedGradientPlusTheWhitenedLaplacianOfTheLogProduct() {
        Random random = new Random(11);
        List<MixtureLeaf> leaves = leaves(random);
        WhitenedProduct product = new WhitenedProduct(leaves, R);
        PhiWorkspace w = product.workspace();
        double h = 1e-3;
        for (int n = 0; n < 50; n++) {
            double z0 = 1.5 * random.nextGaussian();
            double z1 = 1.5 * random.nextGaussian();
            double centre = logProduct(leaves, z0, z1);
            double g0 = (logProduct(leaves, z0 + h, z1) - logProduct(leaves, z0 - h, z1)) / (2 * h);
            double g1 = (logProduct(leaves, z0, z1 + h) - logProduct(leaves, z0, z1 - h)) / (2 * h);
            double laplacian = (logProduct(leaves, z0 + h, z1) + logProduct(leaves, z0 - h, z1)
                    + logProduct(leaves, z0, z1 + h) + logProduct(leaves, z0, z1 - h) - 4 * centre) / (h * h);
            double expected = 0.5 * (g0 * g0 + g1 * g1 + laplacian);
            double phi = product.phi(new double[]{z0, z1}, 0, w);
            assertThat(phi).isCloseTo(expected, within(1e-3 * (1 + Math.abs(expected))));
        }
    }

    @Test
    void theBoundsHoldEverywhereInTheirBox() {
        Random random = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            List<MixtureLeaf> leaves = leaves(random);
            WhitenedProduct product = new WhitenedProduct(leaves, R);
            PhiWorkspace w = product.workspace();
            double[] lo = new double[2];
            double[] hi = new double[2];
            for (int r = 0; r < 2; r++) {
                double centre = 2 * random.nextGaussian();
                double half = Math.exp(-4 + 5 * random.nextDouble());
                lo[r] = centre - half;
                hi[r] = centre + half;
            }
            double[] bounds = new double[2];
            product.bounds(lo, hi, bounds, w);
            double[] z = new double[2];
            for (int n = 0; n < 200; n++) {
                for (int r = 0; r < 2; r++) {
                    // corners, edges and the inside
                    double u = n < 4 ? ((n >> r) & 1) : n < 20 ? Math.round(random.nextDouble()) : random.nextDouble();
                    z[r] = lo[r] + u * (hi[r] - lo[r]);
                }
                double phi = product.phi(z, 0, w);
                assertThat(phi).isBetween(bounds[0], bounds[1]);
            }
        }
    }

    @Test
    void theBoundsOfTwoComponentMixturesCloseInOnPhiAsTheBoxShrinks() {
        Random random = new Random(13);
        List<MixtureLeaf> leaves = List.of(mixture(random, 2), mixture(random, 2), mixture(random, 1), mixture(random, 2));
        WhitenedProduct product = new WhitenedProduct(leaves, R);
        PhiWorkspace w = product.workspace();
        double[] bounds = new double[2];
        for (int n = 0; n < 50; n++) {
            double[] z = {1.5 * random.nextGaussian(), 1.5 * random.nextGaussian()};
            double phi = product.phi(z, 0, w);
            double half = 1e-6;
            product.bounds(new double[]{z[0] - half, z[1] - half}, new double[]{z[0] + half, z[1] + half}, bounds, w);
            assertThat(bounds[1] - bounds[0]).isLessThan(1e-3 * (1 + Math.abs(phi)));
        }
    }
}
