package io.bayesfuse.kernels.fusion.montecarlo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.ArrayList;
import java.util.List;

/**
 * The φ-function of one child of a fusion node, h(θ) = Πᵢ fᵢ(θ) over the sub-posteriors below it,
 * in the child's whitened coordinates z = R⁻¹θ (Λ = RRᵀ the child's covariance, the preconditioner
 * of its Langevin diffusion dθ = Λ∇log h dt + R dW, whose invariant law is h²). With A = log h,
 * <pre>
 *   φ(z) = ½ ( |Rᵀ∇A|² + tr(Λ∇²A) )                         (Dai, Pollock &amp; Roberts 2019, eq. 7)
 * </pre>
 * and, for a mixture fᵢ = Σₖ wₖ N(μₖ, Σₖ) with responsibilities rₖ(z), Gₖ = RᵀΣₖ⁻¹R, mₖ = R⁻¹μₖ,
 * ĝₖ = −Gₖ(z − mₖ):
 * <pre>
 *   Rᵀ∇Aᵢ = Σₖ rₖ ĝₖ,    tr(Λ∇²Aᵢ) = Σₖ rₖ |ĝₖ|² − |Σₖ rₖ ĝₖ|² − Σₖ rₖ tr Gₖ
 * </pre>
 * (for two components, r₀ = t = 1/(1 + e^{l₁ − l₀}) and the first two terms are t(1 − t)|ĝ₀ − ĝ₁|²:
 * one exponential),
 * exact, as are the bounds of φ over a box of z ({@link #bounds}) that make the path-space weights
 * non-negative: interval arithmetic on each ĝₖ, bounds on each responsibility from bounds on the
 * quadratic forms, and the extreme of a weighted sum over the capped simplex of responsibilities.
 * Single-Gaussian sub-posteriors are summed into one affine gradient first (their sum is exact and
 * its box bounds tight).
 *
 * <p>Immutable after construction; {@link #phi} and {@link #bounds} use a caller's {@link PhiWorkspace},
 * so one instance serves many threads.
 */
final class WhitenedProduct {

    final int d;
    // the single-Gaussian sub-posteriors, summed: Σᵢ ĝᵢ = −G z + h, Σ tr Gᵢ
    final double[] Gsum;
    final double[] Gabs;
    final double[] hsum;
    final double trSum;
    final boolean hasGaussians;
    // the mixtures: component c of mixture i lives at [start[i], start[i+1])
    final int[] start;
    final double[] G;      // Gₖ row-major, block per component
    final double[] Gabs2;  // |Gₖ| elementwise
    final double[] m;      // mₖ
    final double[] a;      // log wₖ − ½ log det Σₖ
    final double[] tr;     // tr Gₖ
    final double[] lambdaMin; // smallest eigenvalue of Gₖ

    /**
     * @param leaves the sub-posteriors below the child
     * @param R      the lower Cholesky factor of the child's preconditioner Λ (row-major d×d)
     */
    WhitenedProduct(List<MixtureLeaf> leaves, double[] R) {
        this.d = leaves.get(0).dimension();
        double[] Rinv = SmallMatrices.lowerInverse(R, d);
        double[] gs = new double[d * d];
        double[] hs = new double[d];
        double trs = 0;
        boolean gaussians = false;
        List<Integer> starts = new ArrayList<>();
        List<double[]> Gs = new ArrayList<>();
        List<double[]> ms = new ArrayList<>();
        List<Double> as = new ArrayList<>();
        int count = 0;
        for (MixtureLeaf leaf : leaves) {
            int M = leaf.size();
            if (M == 1) {
                double[] Gk = SmallMatrices.congruence(R, leaf.precisions(), 0, d);
                double[] mk = new double[d];
                SmallMatrices.lowerMultiply(Rinv, leaf.means(), 0, mk, 0, d);
                for (int i = 0; i < d * d; i++) {
                    gs[i] += Gk[i];
                }
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += Gk[i * d + j] * mk[j];
                    }
                    hs[i] += s;
                }
                trs += SmallMatrices.trace(Gk, d);
                gaussians = true;
                continue;
            }
            starts.add(count);
            for (int k = 0; k < M; k++) {
                Gs.add(SmallMatrices.congruence(R, leaf.precisions(), k * d * d, d));
                double[] mk = new double[d];
                SmallMatrices.lowerMultiply(Rinv, leaf.means(), k * d, mk, 0, d);
                ms.add(mk);
                as.add(Math.log(leaf.weight(k)) - 0.5 * leaf.logDeterminant(k));
                count++;
            }
        }
        starts.add(count);
        this.Gsum = gs;
        this.Gabs = SmallMatrices.abs(gs);
        this.hsum = hs;
        this.trSum = trs;
        this.hasGaussians = gaussians;
        this.start = starts.stream().mapToInt(Integer::intValue).toArray();
        this.G = new double[count * d * d];
        this.Gabs2 = new double[count * d * d];
        this.m = new double[count * d];
        this.a = new double[count];
        this.tr = new double[count];
        this.lambdaMin = new double[count];
        EigenDecomposition_F64<DMatrixRMaj> eig = SmallMatrices.eigenvalues(d);
        for (int c = 0; c < count; c++) {
            double[] Gk = Gs.get(c);
            System.arraycopy(Gk, 0, G, c * d * d, d * d);
            System.arraycopy(SmallMatrices.abs(Gk), 0, Gabs2, c * d * d, d * d);
            System.arraycopy(ms.get(c), 0, m, c * d, d);
            a[c] = as.get(c);
            tr[c] = SmallMatrices.trace(Gk, d);
            lambdaMin[c] = SmallMatrices.smallestEigenvalue(eig, Gk, d);
        }
    }

    int dimension() {
        return d;
    }

    /** The most components of one mixture (to size a {@link PhiWorkspace}). */
    int maxComponents() {
        int max = 1;
        for (int i = 0; i + 1 < start.length; i++) {
            max = Math.max(max, start[i + 1] - start[i]);
        }
        return max;
    }

    PhiWorkspace workspace() {
        return new PhiWorkspace(d, maxComponents());
    }

    /** φ(z). */
    double phi(double[] z, int offset, PhiWorkspace w) {
        double[] grad = w.grad;
        double lap = 0;
        if (hasGaussians) {
            for (int i = 0; i < d; i++) {
                double s = hsum[i];
                for (int j = 0; j < d; j++) {
                    s -= Gsum[i * d + j] * z[offset + j];
                }
                grad[i] = s;
            }
            lap = -trSum;
        } else {
            java.util.Arrays.fill(grad, 0.0);
        }
        for (int i = 0; i + 1 < start.length; i++) {
            int from = start[i];
            int M = start[i + 1] - from;
            lap += d == 2 && M == 2 ? twoComponentsInThePlane(from, z[offset], z[offset + 1], grad)
                    : mixture(from, M, z, offset, w);
        }
        double g2 = 0;
        for (int r = 0; r < d; r++) {
            g2 += grad[r] * grad[r];
        }
        return 0.5 * (g2 + lap);
    }

    /**
     * Mixture i's terms at z (its components at [from, from + M)): subtracts Σₖ rₖGₖu from
     * {@code w.grad}, returns tr(Λ∇²Aᵢ).
     */
    private double mixture(int from, int M, double[] z, int offset, PhiWorkspace w) {
        double[] grad = w.grad;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < M; k++) {
            int c = from + k;
            double q = 0;
            for (int r = 0; r < d; r++) {
                w.u[r] = z[offset + r] - m[c * d + r];
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += G[c * d * d + r * d + j] * w.u[j];
                }
                w.gu[k * d + r] = s;
                q += w.u[r] * s;
            }
            w.l[k] = a[c] - 0.5 * q;
            max = Math.max(max, w.l[k]);
        }
        if (M == 2) {
            // r₀ = t, r₁ = 1 − t: Σₖ rₖ|ĝₖ|² − |Σₖ rₖĝₖ|² = t(1 − t)|ĝ₀ − ĝ₁|² (one exponential)
            double t = 1 / (1 + Math.exp(w.l[1] - w.l[0]));
            double apart = 0;
            for (int r = 0; r < d; r++) {
                double difference = w.gu[r] - w.gu[d + r];
                grad[r] -= w.gu[d + r] + t * difference;
                apart += difference * difference;
            }
            return t * (1 - t) * apart - (tr[from + 1] + t * (tr[from] - tr[from + 1]));
        }
        double total = 0;
        for (int k = 0; k < M; k++) {
            // the largest term is e⁰ = 1
            w.r[k] = w.l[k] == max ? 1.0 : Math.exp(w.l[k] - max);
            total += w.r[k];
        }
        double second = 0;
        double trace = 0;
        double meanNorm = 0;
        for (int r = 0; r < d; r++) {
            double s = 0;
            for (int k = 0; k < M; k++) {
                s += w.r[k] * w.gu[k * d + r];
            }
            s /= total;
            grad[r] -= s;
            meanNorm += s * s;
        }
        for (int k = 0; k < M; k++) {
            double rk = w.r[k] / total;
            double norm = 0;
            for (int r = 0; r < d; r++) {
                norm += w.gu[k * d + r] * w.gu[k * d + r];
            }
            second += rk * norm;
            trace += rk * tr[from + k];
        }
        return second - meanNorm - trace;
    }

    /** {@link #mixture} for a two-component mixture in the plane (d = 2), its loops written out. */
    private double twoComponentsInThePlane(int from, double z0, double z1, double[] grad) {
        int c = from;
        double u0 = z0 - m[2 * c];
        double u1 = z1 - m[2 * c + 1];
        double g00 = G[4 * c] * u0 + G[4 * c + 1] * u1;     // G₀u₀
        double g01 = G[4 * c + 2] * u0 + G[4 * c + 3] * u1;
        double l0 = a[c] - 0.5 * (u0 * g00 + u1 * g01);
        c++;
        u0 = z0 - m[2 * c];
        u1 = z1 - m[2 * c + 1];
        double g10 = G[4 * c] * u0 + G[4 * c + 1] * u1;     // G₁u₁
        double g11 = G[4 * c + 2] * u0 + G[4 * c + 3] * u1;
        double l1 = a[c] - 0.5 * (u0 * g10 + u1 * g11);
        double t = 1 / (1 + Math.exp(l1 - l0));
        double difference0 = g00 - g10;
        double difference1 = g01 - g11;
        grad[0] -= g10 + t * difference0;
        grad[1] -= g11 + t * difference1;
        double apart = difference0 * difference0 + difference1 * difference1;
        return t * (1 - t) * apart - (tr[from + 1] + t * (tr[from] - tr[from + 1]));
    }

    /**
     * Bounds L ≤ φ(z) ≤ U for every z in the box [lo, hi] (a little widened against rounding), into
     * {@code out[0]} = L, {@code out[1]} = U ({@link PhiBounds}).
     */
    void bounds(double[] lo, double[] hi, double[] out, PhiWorkspace w) {
        PhiBounds.bounds(this, lo, hi, out, w);
    }
}
