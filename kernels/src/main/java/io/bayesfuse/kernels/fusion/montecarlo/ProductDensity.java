package io.bayesfuse.kernels.fusion.montecarlo;

import java.util.List;

/**
 * log h(θ) = Σᵢ log fᵢ(θ) + const over the sub-posteriors fᵢ below a fusion node: the exact target of
 * the node's Metropolis–Hastings moves ({@link Rejuvenation}), which need it only up to a constant.
 * <ul>
 * <li>The single-Gaussian sub-posteriors are summed into one quadratic −½θᵀPθ + ηᵀθ (P = Σ Σᵢ⁻¹,
 *     η = Σ Σᵢ⁻¹μᵢ): exact, and one evaluation whatever their number.</li>
 * <li>Each mixture Σₖ wₖ N(θ; μₖ, Σₖ) is a log-sum-exp over its components, lₖ = log wₖ − ½ log det Σₖ
 *     − ½(θ − μₖ)ᵀΣₖ⁻¹(θ − μₖ), from flat arrays of every component below the node; the mixtures' sums
 *     Σₖ e^{lₖ − maxₖ lₖ} ∈ [1, Mᵢ] are multiplied together and their logarithm taken once (when the
 *     product grows large, and at the end), not once per mixture.</li>
 * </ul>
 * Immutable; {@link #logDensity} allocates nothing, so one instance serves every thread.
 */
final class ProductDensity {

    private static final double RESCALE_ABOVE = 1e250;

    private final int d;
    private final boolean hasGaussians;
    private final double[] P;        // Σ Σᵢ⁻¹ over the single Gaussians
    private final double[] eta;      // Σ Σᵢ⁻¹μᵢ
    private final int[] start;       // mixture i's components at [start[i], start[i+1])
    private final double[] precision; // Σₖ⁻¹'s lower triangle, the off-diagonal doubled, packed: d(d+1)/2 per component
    private final double[] mean;      // μₖ
    private final double[] constant;  // log wₖ − ½ log det Σₖ

    ProductDensity(List<MixtureLeaf> leaves) {
        this.d = leaves.get(0).dimension();
        int components = 0;
        int mixtures = 0;
        for (MixtureLeaf leaf : leaves) {
            if (leaf.size() > 1) {
                components += leaf.size();
                mixtures++;
            }
        }
        this.P = new double[d * d];
        this.eta = new double[d];
        this.start = new int[mixtures + 1];
        this.precision = new double[components * d * (d + 1) / 2];
        this.mean = new double[components * d];
        this.constant = new double[components];
        boolean gaussians = false;
        int c = 0;
        int i = 0;
        for (MixtureLeaf leaf : leaves) {
            if (leaf.size() == 1) {
                gaussians = true;
                double[] Pi = leaf.precisions();
                double[] mu = leaf.means();
                for (int r = 0; r < d; r++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        P[r * d + k] += Pi[r * d + k];
                        s += Pi[r * d + k] * mu[k];
                    }
                    eta[r] += s;
                }
                continue;
            }
            start[i++] = c;
            for (int k = 0; k < leaf.size(); k++, c++) {
                double[] Pk = leaf.precisions();
                int packed = c * d * (d + 1) / 2;
                for (int r = 0; r < d; r++) {
                    for (int j = 0; j < r; j++) {
                        precision[packed++] = Pk[k * d * d + r * d + j] + Pk[k * d * d + j * d + r];
                    }
                    precision[packed++] = Pk[k * d * d + r * d + r];
                }
                System.arraycopy(leaf.means(), k * d, mean, c * d, d);
                constant[c] = Math.log(leaf.weight(k)) - 0.5 * leaf.logDeterminant(k);
            }
        }
        start[mixtures] = c;
        this.hasGaussians = gaussians;
    }

    int dimension() {
        return d;
    }

    /** Scratch space for {@link #logDensity} (one per thread). */
    double[] scratch() {
        int most = 0;
        for (int i = 0; i + 1 < start.length; i++) {
            most = Math.max(most, start[i + 1] - start[i]);
        }
        return new double[d + most];
    }

    /**
     * log h(θ) up to a constant, θ at {@code theta[offset..offset+d)}, with a caller's {@link #scratch()}.
     */
    double logDensity(double[] theta, int offset, double[] scratch) {
        if (d == 2) {
            return logDensityInThePlane(theta[offset], theta[offset + 1], scratch);
        }
        double sum = 0;
        if (hasGaussians) {
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += P[r * d + k] * theta[offset + k];
                }
                sum += theta[offset + r] * (eta[r] - 0.5 * s);
            }
        }
        double product = 1;
        for (int i = 0; i + 1 < start.length; i++) {
            int from = start[i];
            int to = start[i + 1];
            int top = from;
            for (int c = from; c < to; c++) {
                double l = constant[c] - 0.5 * quadratic(c, theta, offset, scratch);
                scratch[d + c - from] = l;
                if (l > scratch[d + top - from]) {
                    top = c;
                }
            }
            double max = scratch[d + top - from];
            double terms = 1;   // e^{l_top − max}
            for (int c = from; c < to; c++) {
                if (c != top) {
                    terms += Math.exp(scratch[d + c - from] - max);
                }
            }
            sum += max;
            product *= terms;
            if (product > RESCALE_ABOVE) {
                sum += Math.log(product);
                product = 1;
            }
        }
        return sum + Math.log(product);
    }

    /** {@link #logDensity} for d = 2 (a position in the plane, the common case), its loops written out. */
    private double logDensityInThePlane(double x0, double x1, double[] scratch) {
        double sum = 0;
        if (hasGaussians) {
            sum = x0 * (eta[0] - 0.5 * (P[0] * x0 + P[1] * x1)) + x1 * (eta[1] - 0.5 * (P[2] * x0 + P[3] * x1));
        }
        double product = 1;
        for (int i = 0; i + 1 < start.length; i++) {
            int from = start[i];
            int to = start[i + 1];
            double max;
            double terms;
            if (to - from == 2) {
                double l0 = constant[from] - 0.5 * quadraticInThePlane(from, x0, x1);
                double l1 = constant[from + 1] - 0.5 * quadraticInThePlane(from + 1, x0, x1);
                max = Math.max(l0, l1);
                terms = 1 + Math.exp(Math.min(l0, l1) - max);
            } else {
                int top = 0;
                for (int c = from; c < to; c++) {
                    double l = constant[c] - 0.5 * quadraticInThePlane(c, x0, x1);
                    scratch[c - from] = l;
                    if (l > scratch[top]) {
                        top = c - from;
                    }
                }
                max = scratch[top];
                terms = 1;   // e^{l_top − max}
                for (int k = 0; k < to - from; k++) {
                    if (k != top) {
                        terms += Math.exp(scratch[k] - max);
                    }
                }
            }
            sum += max;
            product *= terms;
            if (product > RESCALE_ABOVE) {
                sum += Math.log(product);
                product = 1;
            }
        }
        return sum + Math.log(product);
    }

    private double quadraticInThePlane(int c, double x0, double x1) {
        double u0 = x0 - mean[2 * c];
        double u1 = x1 - mean[2 * c + 1];
        return u0 * (precision[3 * c] * u0) + u1 * (precision[3 * c + 1] * u0 + precision[3 * c + 2] * u1);
    }

    /** (θ − μ_c)ᵀΣ_c⁻¹(θ − μ_c) = Σ_r u_r Σ_{k≤r} P'_rk u_k, u = θ − μ_c, from the packed triangle P'. */
    private double quadratic(int c, double[] theta, int offset, double[] u) {
        int packed = c * d * (d + 1) / 2;
        double q = 0;
        for (int r = 0; r < d; r++) {
            u[r] = theta[offset + r] - mean[c * d + r];
            double s = 0;
            for (int k = 0; k <= r; k++) {
                s += precision[packed++] * u[k];
            }
            q += u[r] * s;
        }
        return q;
    }
}
