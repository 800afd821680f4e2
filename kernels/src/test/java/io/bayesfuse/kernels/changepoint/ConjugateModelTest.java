package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.TDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The conjugate models' sequential statistics and predictives against the batch posteriors of
 * Murphy (2007), computed here from the raw observations with explicit inverses and determinants.
 */
class ConjugateModelTest {

    private static double[][] draws(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = 1.5 + (j + 1) * random.nextGaussian() + (j > 0 ? 0.7 * x[i][0] : 0);
            }
        }
        return x;
    }

    /** Absorbs the first n observations, one by one, into the prior's statistics. */
    private static double[] absorbed(ConjugateModel model, double[][] x, int n) {
        double[] statistics = new double[model.statisticsLength()];
        model.writePrior(statistics, 0);
        for (int i = 0; i < n; i++) {
            model.absorb(i, statistics, 0, x[i]);
        }
        return statistics;
    }

    @Test
    void theNormalGammaPredictiveIsTheStudentTOfTheBatchPosterior() {
        double mu0 = 0.5, kappa0 = 0.3, alpha0 = 1.5, beta0 = 2.0;
        NormalGamma model = new NormalGamma(mu0, kappa0, alpha0, beta0);
        double[][] x = draws(30, 1, 1);
        for (int n : new int[]{0, 1, 2, 7, 29}) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i][0] / n;
            }
            double scatter = 0;
            for (int i = 0; i < n; i++) {
                scatter += (x[i][0] - mean) * (x[i][0] - mean);
            }
            // Murphy 2007, eq. 86–89 and 100
            double kappa = kappa0 + n;
            double mu = (kappa0 * mu0 + n * mean) / kappa;
            double alpha = alpha0 + n / 2.0;
            double beta = beta0 + 0.5 * scatter + (n == 0 ? 0 : kappa0 * n * (mean - mu0) * (mean - mu0) / (2 * kappa));
            double sigma = Math.sqrt(beta * (kappa + 1) / (alpha * kappa));
            double next = x[n][0];
            double expected = TDistribution.of(2 * alpha).logDensity((next - mu) / sigma) - Math.log(sigma);
            assertThat(model.logPredictive(n, absorbed(model, x, n), 0, x[n])).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void theNormalInverseWishartPredictiveIsTheMultivariateTOfTheBatchPosterior() {
        int d = 3;
        double[] mu0 = {1, -1, 0.5};
        double kappa0 = 0.5, nu0 = 5;
        double[][] psi0 = {{2, 0.3, 0}, {0.3, 1, 0.2}, {0, 0.2, 3}};
        NormalInverseWishart model = new NormalInverseWishart(mu0, kappa0, nu0, psi0);
        double[][] x = draws(40, d, 2);
        for (int n : new int[]{0, 1, 3, 39}) {
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j] / n;
                }
            }
            // Murphy 2007, eq. 251–254: Ψn = Ψ0 + S + κ0·n/(κ0 + n)·(x̄ − μ0)(x̄ − μ0)ᵀ
            double kappa = kappa0 + n;
            double nu = nu0 + n;
            DMatrixRMaj psi = new DMatrixRMaj(psi0);
            double[] mu = new double[d];
            for (int a = 0; a < d; a++) {
                mu[a] = (kappa0 * mu0[a] + n * mean[a]) / kappa;
                for (int b = 0; b < d; b++) {
                    double scatter = 0;
                    for (int i = 0; i < n; i++) {
                        scatter += (x[i][a] - mean[a]) * (x[i][b] - mean[b]);
                    }
                    double shift = n == 0 ? 0 : kappa0 * n / kappa * (mean[a] - mu0[a]) * (mean[b] - mu0[b]);
                    psi.add(a, b, scatter + shift);
                }
            }
            // eq. 258: t_v(μn, Ψn (κn + 1)/(κn v)), v = νn − d + 1
            double v = nu - d + 1;
            DMatrixRMaj sigma = psi.copy();
            CommonOps_DDRM.scale((kappa + 1) / (kappa * v), sigma);
            DMatrixRMaj inverse = sigma.copy();
            CommonOps_DDRM.invert(inverse);
            DMatrixRMaj e = new DMatrixRMaj(d, 1);
            for (int j = 0; j < d; j++) {
                e.set(j, 0, x[n][j] - mu[j]);
            }
            double q = 0;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    q += e.get(a) * inverse.get(a, b) * e.get(b);
                }
            }
            double expected = LogGamma.value((v + d) / 2) - LogGamma.value(v / 2) - d / 2.0 * Math.log(v * Math.PI)
                    - 0.5 * Math.log(CommonOps_DDRM.det(sigma)) - (v + d) / 2 * Math.log(1 + q / v);
            assertThat(model.logPredictive(n, absorbed(model, x, n), 0, x[n])).isCloseTo(expected, within(1e-10));
        }
    }

    @Test
    void aOneDimensionalNormalInverseWishartIsTheNormalGammaWithNuTwiceAlphaAndPsiTwiceBeta() {
        NormalGamma gamma = new NormalGamma(0.2, 0.7, 1.25, 3);
        NormalInverseWishart wishart = new NormalInverseWishart(new double[]{0.2}, 0.7, 2.5, new double[][]{{6}});
        double[][] x = draws(25, 1, 3);
        for (int n = 0; n < 24; n++) {
            assertThat(wishart.logPredictive(n, absorbed(wishart, x, n), 0, x[n]))
                    .isCloseTo(gamma.logPredictive(n, absorbed(gamma, x, n), 0, x[n]), within(1e-12));
        }
    }

    @Test
    void theStandardNormalPriorExpectsUnitCovariance() {
        NormalInverseWishart model = NormalInverseWishart.standardNormal(2, 1, 6);
        double[] statistics = new double[model.statisticsLength()];
        model.writePrior(statistics, 0);
        // μ0 = 0 and L0 = chol((ν0 − d − 1)·I) = √3·I, packed [L00, L10, L11]
        assertThat(statistics).containsExactly(new double[]{0, 0, Math.sqrt(3), 0, Math.sqrt(3)}, within(1e-15));
    }

    @Test
    void invalidPriorsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> new NormalGamma(0, 0, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("normal-gamma prior: kappa0 must be a finite number above 0, got 0.0");
        assertThatThrownBy(() -> new NormalGamma(Double.NaN, 1, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mu0");
        assertThatThrownBy(() -> new NormalInverseWishart(new double[]{0, 0}, 1, 1, new double[][]{{1, 0}, {0, 1}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nu0 must be a finite number above d − 1 = 1");
        assertThatThrownBy(() -> new NormalInverseWishart(new double[]{0, 0}, 1, 4, new double[][]{{1, 2}, {2, 1}}))
                .isInstanceOf(InvalidInputException.class).hasMessage("normal-inverse-Wishart prior: psi0 is not positive definite");
        assertThatThrownBy(() -> new NormalInverseWishart(new double[]{0, 0}, 1, 4, new double[][]{{1}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("psi0 is 1x1");
    }
}
