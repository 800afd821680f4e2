package io.bayesfuse.kernels.fusion.montecarlo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhitenedProductTest {

    /** The lower Cholesky factor R of a child's preconditioner Λ = RRᵀ (row-major d×d). */
    private static double[] factor(int d) {
        double[] R = new double[d * d];
        for (int i = 0; i < d; i++) {
            R[i * d + i] = 0.8 + 0.25 * i;
            for (int j = 0; j < i; j++) {
                R[i * d + j] = 0.3 - 0.1 * j;
            }
        }
        return R;
    }

    private static MixtureLeaf mixture(Random random, int components, int d) {
        double[] w = new double[components];
        double[][] mu = new double[components][d];
        double[][][] S = new double[components][d][d];
        for (int k = 0; k < components; k++) {
            w[k] = 0.1 + random.nextDouble();
            double c = 0.2 * (random.nextDouble() - 0.5);
            for (int i = 0; i < d; i++) {
                mu[k][i] = random.nextGaussian();
                S[k][i][i] = 0.3 + random.nextDouble();
                if (i > 0) {
                    S[k][i][i - 1] = c;
                    S[k][i - 1][i] = c;
                }
            }
        }
        return MixtureLeaf.of(w, mu, S);
    }

    /** Mixtures of 2, 3 and 4 components and two single Gaussians (summed into one affine gradient). */
    private static List<MixtureLeaf> leaves(Random random, int d) {
        return List.of(mixture(random, 2, d), mixture(random, 3, d), mixture(random, 1, d), mixture(random, 4, d),
                mixture(random, 2, d), mixture(random, 1, d));
    }

    /** a(z) = Σᵢ log fᵢ(Rz). */
    private static double logProduct(List<MixtureLeaf> leaves, double[] R, double[] z) {
        int d = z.length;
        double[] theta = new double[d];
        SmallMatrices.lowerMultiply(R, z, 0, theta, 0, d);
        double sum = 0;
        for (MixtureLeaf leaf : leaves) {
            sum += leaf.logDensity(theta);
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void phiIsHalfTheSquaredWhitenedGradientPlusTheWhitenedLaplacianOfTheLogProduct(int d) {
        Random random = new Random(11);
        List<MixtureLeaf> leaves = leaves(random, d);
        double[] R = factor(d);
        WhitenedProduct product = new WhitenedProduct(leaves, R);
        PhiWorkspace w = product.workspace();
        double h = 1e-3;
        for (int n = 0; n < 50; n++) {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                z[i] = 1.5 * random.nextGaussian();
            }
            double centre = logProduct(leaves, R, z);
            double gradient2 = 0;
            double laplacian = 0;
            for (int i = 0; i < d; i++) {
                double[] up = z.clone();
                double[] down = z.clone();
                up[i] += h;
                down[i] -= h;
                double a = logProduct(leaves, R, up);
                double b = logProduct(leaves, R, down);
                gradient2 += Math.pow((a - b) / (2 * h), 2);
                laplacian += (a + b - 2 * centre) / (h * h);
            }
            double expected = 0.5 * (gradient2 + laplacian);
            assertThat(product.phi(z, 0, w)).isCloseTo(expected, within(1e-3 * (1 + Math.abs(expected))));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void theBoundsHoldEverywhereInTheirBox(int d) {
        Random random = new Random(12);
        double[] R = factor(d);
        for (int trial = 0; trial < 200; trial++) {
            WhitenedProduct product = new WhitenedProduct(leaves(random, d), R);
            PhiWorkspace w = product.workspace();
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int r = 0; r < d; r++) {
                double centre = 2 * random.nextGaussian();
                double half = Math.exp(-4 + 5 * random.nextDouble());
                lo[r] = centre - half;
                hi[r] = centre + half;
            }
            double[] bounds = new double[2];
            product.bounds(lo, hi, bounds, w);
            double[] z = new double[d];
            for (int n = 0; n < 200; n++) {
                for (int r = 0; r < d; r++) {
                    // corners, edges and the inside
                    double u = n < 8 ? ((n >> r) & 1) : n < 30 ? Math.round(random.nextDouble()) : random.nextDouble();
                    z[r] = lo[r] + u * (hi[r] - lo[r]);
                }
                assertThat(product.phi(z, 0, w)).isBetween(bounds[0], bounds[1]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void theBoundsOfTwoComponentMixturesCloseInOnPhiAsTheBoxShrinks(int d) {
        Random random = new Random(13);
        List<MixtureLeaf> leaves = List.of(mixture(random, 2, d), mixture(random, 2, d), mixture(random, 1, d), mixture(random, 2, d));
        WhitenedProduct product = new WhitenedProduct(leaves, factor(d));
        PhiWorkspace w = product.workspace();
        double[] bounds = new double[2];
        double half = 1e-6;
        for (int n = 0; n < 50; n++) {
            double[] z = new double[d];
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int r = 0; r < d; r++) {
                z[r] = 1.5 * random.nextGaussian();
                lo[r] = z[r] - half;
                hi[r] = z[r] + half;
            }
            double phi = product.phi(z, 0, w);
            product.bounds(lo, hi, bounds, w);
            assertThat(bounds[1] - bounds[0]).isLessThan(1e-3 * (1 + Math.abs(phi)));
        }
    }
}
