package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

/**
 * The proposal of an independence Metropolis–Hastings sweep: a Gaussian kernel density of n points
 * of the population, q(θ) = (1/n) Σₘ N(θ; xₘ, b²Σ̂) with Σ̂ the population's covariance and
 * b = n^(−1/(d+4)) (Scott's rule). It is kept in the coordinates z = L⁻¹θ whitened by the kernel's
 * factor (LLᵀ = b²Σ̂), where every kernel is a standard normal and q(θ) ∝ Σₘ exp(−|z − cₘ|²/2) (the
 * constant cancels in the Metropolis–Hastings ratio). Immutable; its methods allocate nothing.
 */
final class KernelDensityProposal {

    private final int d;
    private final int n;
    private final double[] L;
    private final double[] Linv;
    private final double[] centres;   // cₘ = L⁻¹xₘ

    private KernelDensityProposal(int d, int n, double[] L, double[] Linv, double[] centres) {
        this.d = d;
        this.n = n;
        this.L = L;
        this.Linv = Linv;
        this.centres = centres;
    }

    /**
     * The kernel density of {@code kernels} points spread evenly over the population (count × d), or
     * null when the population's covariance is degenerate.
     */
    static KernelDensityProposal of(double[] draws, int count, int d, int kernels) {
        double[] covariance = SampleMoments.of(draws, count, d).covariance();
        int n = Math.min(count, kernels);
        double b = Math.pow(n, -1.0 / (d + 4));
        for (int i = 0; i < d * d; i++) {
            covariance[i] *= b * b;
        }
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(DMatrixRMaj.wrap(d, d, covariance.clone()))) {
            return null;
        }
        DMatrixRMaj Lm = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(Lm);
        double[] L = Lm.data.clone();
        double[] Linv = SmallMatrices.lowerInverse(L, d);
        double[] centres = new double[n * d];
        for (int m = 0; m < n; m++) {
            int source = (int) ((long) m * count / n);
            SmallMatrices.lowerMultiply(Linv, draws, source * d, centres, m * d, d);
        }
        return new KernelDensityProposal(d, n, L, Linv, centres);
    }

    /** A draw of q: θ into {@code theta}, its whitened coordinates into {@code z}. */
    void draw(SplitMix64 random, double[] z, double[] theta) {
        int m = (int) Math.floorMod(random.nextLong(), (long) n);
        for (int i = 0; i < d; i++) {
            z[i] = centres[m * d + i] + random.nextGaussian();
        }
        SmallMatrices.lowerMultiply(L, z, 0, theta, 0, d);
    }

    /** The whitened coordinates L⁻¹θ of θ at {@code theta[offset..]}, into {@code z}. */
    void whiten(double[] theta, int offset, double[] z) {
        SmallMatrices.lowerMultiply(Linv, theta, offset, z, 0, d);
    }

    /** log q up to a constant at whitened z: log Σₘ exp(−|z − cₘ|²/2). */
    double logDensity(double[] z) {
        double min = Double.POSITIVE_INFINITY;
        int nearest = 0;
        // the nearest centre first, so that the sum is taken relative to its (largest) term
        for (int m = 0; m < n; m++) {
            double q = distance2(z, m);
            if (q < min) {
                min = q;
                nearest = m;
            }
        }
        double sum = 1;
        for (int m = 0; m < n; m++) {
            if (m != nearest) {
                sum += Math.exp(-0.5 * (distance2(z, m) - min));
            }
        }
        return -0.5 * min + Math.log(sum);
    }

    private double distance2(double[] z, int m) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            double e = z[i] - centres[m * d + i];
            q += e * e;
        }
        return q;
    }
}
