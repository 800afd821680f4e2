package io.bayesfuse.kernels.fusion.samples;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The nonparametric kernel-density product of Neiswanger, Wang &amp; Xing ("Asymptotically exact,
 * embarrassingly parallel MCMC", 2013, Algorithm 1): each of the M sources' draws x₁⁽ᵐ⁾, …, x_T⁽ᵐ⁾
 * is smoothed into a Gaussian kernel density p̂ₘ(θ) = (1/T) Σₜ N(θ; xₜ⁽ᵐ⁾, h²Σ̄), and their product is
 * a mixture over index tuples t = (t₁, …, t_M):
 * <pre>
 *   Πₘ p̂ₘ(θ) ∝ Σ_t w_t N(θ; x̄_t, h²Σ̄/M),   x̄_t = (1/M) Σₘ x_{tₘ}⁽ᵐ⁾,
 *   w_t = exp(−(1/2h²) Σₘ (x_{tₘ}⁽ᵐ⁾ − x̄_t)ᵀ Σ̄⁻¹ (x_{tₘ}⁽ᵐ⁾ − x̄_t))
 * </pre>
 * sampled by independence Metropolis within Gibbs over the indices (a uniformly proposed new index
 * for one source at a time, accepted with probability min(1, w_t'/w_t)), one draw from the chosen
 * component after every {@value #THIN}th sweep. The kernels share one shape Σ̄, the mean of the sources' sample
 * covariances (the paper's isotropic h²I after whitening by Σ̄), and one bandwidth, Scott's
 * h = T^(−1/(d+4)) for the smallest T (the paper anneals h = i^(−1/(d+4)) along the chain; a fixed h
 * makes the chain's target the product of these kernel densities). The product of kernel densities
 * is what is sampled: for Gaussian sub-posteriors N(μₘ, Σₘ) it is close to the product of
 * N(μₘ, Σₘ + h²Σ̄), a little broader than the exact product. The simple baseline of dc-fusion.
 *
 * <p>Deterministic for a seed. Cost O({@value #THIN} · (burn-in + N) · M · d).
 */
public final class KernelDensityProduct {

    /**
     * Gibbs sweeps per kept draw: a uniformly proposed index is accepted rarely when the sources
     * disagree, so consecutive sweeps are strongly correlated.
     */
    static final int THIN = 10;

    private KernelDensityProduct() {
    }

    /**
     * N draws (N × d) of the product of the sources' kernel densities.
     *
     * @param sources each source's draws (T × d, T ≥ d + 2, same d)
     * @throws IllegalArgumentException when there are no sources, too few draws, mixed dimensions or
     *                                  the mean covariance is not positive definite
     */
    public static double[][] sample(List<double[][]> sources, int N, long seed) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("kernel-density product: no sources");
        }
        int M = sources.size();
        int d = sources.get(0)[0].length;
        int fewest = Integer.MAX_VALUE;
        double[] shape = new double[d * d];
        for (int m = 0; m < M; m++) {
            double[][] x = sources.get(m);
            if (x.length < d + 2) {
                throw new IllegalArgumentException("kernel-density product: source " + m + " has " + x.length
                        + " draws, needs at least " + (d + 2));
            }
            fewest = Math.min(fewest, x.length);
            double[] covariance = covariance(x, d, m);
            for (int i = 0; i < d * d; i++) {
                shape[i] += covariance[i] / M;
            }
        }
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(DMatrixRMaj.wrap(d, d, shape.clone()))) {
            throw new IllegalArgumentException("kernel-density product: the sources' mean covariance is not positive definite");
        }
        DMatrixRMaj Lm = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(Lm);
        double[] L = Lm.data;
        double h = Math.pow(fewest, -1.0 / (d + 4));
        // every draw whitened by Σ̄ = LLᵀ: z = L⁻¹x, so the kernels are N(z; zₜ, h²I)
        double[][] z = new double[M][];
        for (int m = 0; m < M; m++) {
            z[m] = whiten(sources.get(m), L, d);
        }
        SplitMix64 random = new SplitMix64(SplitMix64.mix(seed ^ 0x6b64657072L));
        int[] t = new int[M];
        double[] sum = new double[d];   // Σₘ z_{tₘ}
        double squares = 0;             // Σₘ |z_{tₘ}|²
        for (int m = 0; m < M; m++) {
            t[m] = (int) Math.floorMod(random.nextLong(), (long) count(z[m], d));
            squares += add(sum, z[m], t[m], d, 1);
        }
        int burnIn = THIN * Math.max(100, N / 10);
        double[][] out = new double[N][d];
        double[] mean = new double[d];
        for (int sweep = 0; sweep < burnIn + THIN * N; sweep++) {
            for (int m = 0; m < M; m++) {
                int c = (int) Math.floorMod(random.nextLong(), (long) count(z[m], d));
                double before = logWeight(sum, squares, M, h, d);
                double squaresAfter = squares + add(sum, z[m], c, d, 1) + add(sum, z[m], t[m], d, -1);
                double after = logWeight(sum, squaresAfter, M, h, d);
                if (Math.log(1 - random.nextDouble()) < after - before) {
                    t[m] = c;
                    squares = squaresAfter;
                } else {
                    add(sum, z[m], c, d, -1);
                    add(sum, z[m], t[m], d, 1);
                }
            }
            if (sweep >= burnIn && (sweep - burnIn) % THIN == THIN - 1) {
                // θ ~ N(x̄_t, h²Σ̄/M): in whitened coordinates z̄ + (h/√M)ξ, then x = Lz
                for (int i = 0; i < d; i++) {
                    mean[i] = sum[i] / M + h / Math.sqrt(M) * random.nextGaussian();
                }
                double[] x = out[(sweep - burnIn) / THIN];
                for (int i = 0; i < d; i++) {
                    double v = 0;
                    for (int k = 0; k <= i; k++) {
                        v += L[i * d + k] * mean[k];
                    }
                    x[i] = v;
                }
            }
        }
        return out;
    }

    /** log w_t = −(Σ|zₘ|² − |Σzₘ|²/M)/2h². */
    private static double logWeight(double[] sum, double squares, int M, double h, int d) {
        double s2 = 0;
        for (int i = 0; i < d; i++) {
            s2 += sum[i] * sum[i];
        }
        return -(squares - s2 / M) / (2 * h * h);
    }

    /** sum += sign·z_t; returns sign·|z_t|². */
    private static double add(double[] sum, double[] z, int t, int d, int sign) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            double v = z[t * d + i];
            sum[i] += sign * v;
            q += v * v;
        }
        return sign * q;
    }

    private static int count(double[] z, int d) {
        return z.length / d;
    }

    private static double[] whiten(double[][] x, double[] L, int d) {
        double[] z = new double[x.length * d];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < d; i++) {
                double v = x[t][i];
                for (int k = 0; k < i; k++) {
                    v -= L[i * d + k] * z[t * d + k];
                }
                z[t * d + i] = v / L[i * d + i];
            }
        }
        return z;
    }

    private static double[] covariance(double[][] x, int d, int source) {
        double[] mean = new double[d];
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("kernel-density product: source " + source + " has a draw of dimension "
                        + row.length + ", expected " + d);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += row[i] / x.length;
            }
        }
        double[] c = new double[d * d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    c[i * d + k] += (row[i] - mean[i]) * (row[k] - mean[k]) / (x.length - 1);
                }
            }
        }
        return c;
    }
}
