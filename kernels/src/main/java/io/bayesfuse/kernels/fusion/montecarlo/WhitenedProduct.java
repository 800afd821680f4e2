package io.bayesfuse.kernels.fusion.montecarlo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
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
 * exact, as are the bounds of φ over a box of z ({@link #bounds}) that make the path-space weights
 * non-negative: interval arithmetic on each ĝₖ, bounds on each responsibility from bounds on the
 * quadratic forms, and the extreme of a weighted sum over the capped simplex of responsibilities.
 * Single-Gaussian sub-posteriors are summed into one affine gradient first (their sum is exact and
 * its box bounds tight).
 *
 * <p>Immutable after construction; {@link #phi} and {@link #bounds} use a caller's {@link Workspace},
 * so one instance serves many threads.
 */
final class WhitenedProduct {

    private final int d;
    // the single-Gaussian sub-posteriors, summed: Σᵢ ĝᵢ = −G z + h, Σ tr Gᵢ
    private final double[] Gsum;
    private final double[] Gabs;
    private final double[] hsum;
    private final double trSum;
    private final boolean hasGaussians;
    // the mixtures: component c of mixture i lives at [start[i], start[i+1])
    private final int[] start;
    private final double[] G;      // Gₖ row-major, block per component
    private final double[] Gabs2;  // |Gₖ| elementwise
    private final double[] m;      // mₖ
    private final double[] a;      // log wₖ − ½ log det Σₖ
    private final double[] tr;     // tr Gₖ
    private final double[] lambdaMin; // smallest eigenvalue of Gₖ

    /** Scratch space for one thread. */
    static final class Workspace {
        final double[] u;
        final double[] gu;   // per component: Gₖu (M × d), at the box's center in bounds
        final double[] spread; // per component: the largest change of Gₖu over the box (M × d)
        final double[] l;    // per component log-weights
        final double[] r;
        final double[] grad;
        final double[] gradLo;
        final double[] gradHi;
        final double[] center;
        final double[] half;
        final double[] lo;
        final double[] hi;
        final double[] v;
        final double[] lb;
        final double[] ub;
        final int[] order;
        final double[] cvec;

        Workspace(int d, int maxComponents) {
            int M = Math.max(1, maxComponents);
            u = new double[d];
            gu = new double[M * d];
            spread = new double[M * d];
            l = new double[M];
            r = new double[M];
            grad = new double[d];
            gradLo = new double[d];
            gradHi = new double[d];
            center = new double[d];
            half = new double[d];
            lo = new double[M];
            hi = new double[M];
            v = new double[M];
            lb = new double[M];
            ub = new double[M];
            order = new int[M];
            cvec = new double[d];
        }
    }

    /**
     * @param leaves the sub-posteriors below the child
     * @param R      the lower Cholesky factor of the child's preconditioner Λ (row-major d×d)
     */
    WhitenedProduct(List<MixtureLeaf> leaves, double[] R) {
        this.d = leaves.get(0).dimension();
        double[] Rinv = lowerInverse(R, d);
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
                double[] Gk = congruence(R, leaf.precisions(), 0, d);
                double[] mk = lowerSolve(Rinv, leaf.means(), 0, d);
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
                trs += trace(Gk, d);
                gaussians = true;
                continue;
            }
            starts.add(count);
            for (int k = 0; k < M; k++) {
                Gs.add(congruence(R, leaf.precisions(), k * d * d, d));
                ms.add(lowerSolve(Rinv, leaf.means(), k * d, d));
                as.add(Math.log(leaf.weight(k)) - 0.5 * leaf.logDeterminant(k));
                count++;
            }
        }
        starts.add(count);
        this.Gsum = gs;
        this.Gabs = abs(gs);
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
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        for (int c = 0; c < count; c++) {
            double[] Gk = Gs.get(c);
            System.arraycopy(Gk, 0, G, c * d * d, d * d);
            System.arraycopy(abs(Gk), 0, Gabs2, c * d * d, d * d);
            System.arraycopy(ms.get(c), 0, m, c * d, d);
            a[c] = as.get(c);
            tr[c] = trace(Gk, d);
            lambdaMin[c] = smallestEigenvalue(eig, Gk, d);
        }
    }

    int dimension() {
        return d;
    }

    /** The most components of one mixture (to size a {@link Workspace}). */
    int maxComponents() {
        int max = 1;
        for (int i = 0; i + 1 < start.length; i++) {
            max = Math.max(max, start[i + 1] - start[i]);
        }
        return max;
    }

    Workspace workspace() {
        return new Workspace(d, maxComponents());
    }

    /** φ(z). */
    double phi(double[] z, int offset, Workspace w) {
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
            double total = 0;
            for (int k = 0; k < M; k++) {
                w.r[k] = Math.exp(w.l[k] - max);
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
            lap += second - meanNorm - trace;
        }
        double g2 = 0;
        for (int r = 0; r < d; r++) {
            g2 += grad[r] * grad[r];
        }
        return 0.5 * (g2 + lap);
    }

    /**
     * Bounds L ≤ φ(z) ≤ U for every z in the box [lo, hi] (a little widened against rounding), into
     * {@code out[0]} = L, {@code out[1]} = U.
     */
    void bounds(double[] lo, double[] hi, double[] out, Workspace w) {
        for (int r = 0; r < d; r++) {
            w.center[r] = 0.5 * (lo[r] + hi[r]);
            w.half[r] = 0.5 * (hi[r] - lo[r]);
        }
        double lapLo = 0;
        double lapHi = 0;
        if (hasGaussians) {
            for (int r = 0; r < d; r++) {
                double s = hsum[r];
                double spread = 0;
                for (int j = 0; j < d; j++) {
                    s -= Gsum[r * d + j] * w.center[j];
                    spread += Gabs[r * d + j] * w.half[j];
                }
                w.gradLo[r] = s - spread;
                w.gradHi[r] = s + spread;
            }
            lapLo = -trSum;
            lapHi = -trSum;
        } else {
            java.util.Arrays.fill(w.gradLo, 0.0);
            java.util.Arrays.fill(w.gradHi, 0.0);
        }
        for (int i = 0; i + 1 < start.length; i++) {
            int from = start[i];
            int M = start[i + 1] - from;
            // per component: Gₖu over the box (center ± spread, in w.gu and w.cvec) and bounds of the quadratic form
            double maxHi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < M; k++) {
                int c = from + k;
                double qc = 0;
                double lin = 0;
                double quad = 0;
                double dist2 = 0;
                for (int r = 0; r < d; r++) {
                    w.u[r] = w.center[r] - m[c * d + r];
                    double outside = Math.max(0, Math.abs(w.u[r]) - w.half[r]);
                    dist2 += outside * outside;
                }
                for (int r = 0; r < d; r++) {
                    double s = 0;
                    double spread = 0;
                    for (int j = 0; j < d; j++) {
                        s += G[c * d * d + r * d + j] * w.u[j];
                        spread += Gabs2[c * d * d + r * d + j] * w.half[j];
                    }
                    w.gu[k * d + r] = s;
                    w.spread[k * d + r] = spread;
                    qc += w.u[r] * s;
                    lin += Math.abs(s) * w.half[r];
                    quad += spread * w.half[r];
                }
                double qLo = Math.max(Math.max(0, qc - 2 * lin), lambdaMin[c] * dist2);
                double qHi = qc + 2 * lin + quad;
                w.lo[k] = a[c] - 0.5 * qHi;   // log-weight bounds
                w.hi[k] = a[c] - 0.5 * qLo;
                maxHi = Math.max(maxHi, w.hi[k]);
            }
            responsibilityBounds(w, M, maxHi);
            // the gradient Σₖ rₖ ĝₖ = −Σₖ rₖ Gₖu, coordinate by coordinate
            for (int r = 0; r < d; r++) {
                for (int k = 0; k < M; k++) {
                    w.v[k] = -(w.gu[k * d + r] - spreadOf(w, k, r));   // the largest −(Gₖu)_r
                }
                double gHi = cappedSimplexMax(w, M);
                for (int k = 0; k < M; k++) {
                    w.v[k] = w.gu[k * d + r] + spreadOf(w, k, r);      // the largest (Gₖu)_r
                }
                double gLo = -cappedSimplexMax(w, M);
                w.gradLo[r] += gLo;
                w.gradHi[r] += gHi;
                w.cvec[r] = -0.5 * (gLo + gHi);  // a reference point for Gₖu
            }
            // tr(Λ∇²Aᵢ) = Σ rₖ|Gₖu − c̄|² − |Σ rₖGₖu − c̄|² − Σ rₖ tr Gₖ ≤ Σ rₖ (|Gₖu − c̄|²_max − tr Gₖ)
            for (int k = 0; k < M; k++) {
                double far = 0;
                for (int r = 0; r < d; r++) {
                    double s = spreadOf(w, k, r);
                    double e = Math.max(Math.abs(w.gu[k * d + r] - s - w.cvec[r]), Math.abs(w.gu[k * d + r] + s - w.cvec[r]));
                    far += e * e;
                }
                w.v[k] = far - tr[from + k];
            }
            lapHi += cappedSimplexMax(w, M);
            for (int k = 0; k < M; k++) {
                w.v[k] = tr[from + k];
            }
            lapLo -= cappedSimplexMax(w, M);
        }
        double g2Lo = 0;
        double g2Hi = 0;
        for (int r = 0; r < d; r++) {
            double l = w.gradLo[r];
            double h = w.gradHi[r];
            double big = Math.max(Math.abs(l), Math.abs(h));
            g2Hi += big * big;
            if (l > 0 || h < 0) {
                double small = Math.min(Math.abs(l), Math.abs(h));
                g2Lo += small * small;
            }
        }
        double L = 0.5 * (g2Lo + lapLo);
        double U = 0.5 * (g2Hi + lapHi);
        double slack = 1e-9 * (1 + Math.abs(L) + Math.abs(U));
        out[0] = L - slack;
        out[1] = U + slack;
    }

    private static double spreadOf(Workspace w, int k, int r) {
        return w.spread[k * w.grad.length + r];
    }

    /**
     * Bounds on each responsibility rₖ = e^{lₖ}/Σⱼ e^{lⱼ} from bounds lo ≤ l ≤ hi on the
     * log-weights, into w.lb and w.ub.
     */
    private static void responsibilityBounds(Workspace w, int M, double maxHi) {
        double sumLo = 0;
        double sumHi = 0;
        for (int k = 0; k < M; k++) {
            sumLo += Math.exp(w.lo[k] - maxHi);
            sumHi += Math.exp(w.hi[k] - maxHi);
        }
        for (int k = 0; k < M; k++) {
            double eHi = Math.exp(w.hi[k] - maxHi);
            double eLo = Math.exp(w.lo[k] - maxHi);
            double othersLo = sumLo - eLo;
            double othersHi = sumHi - eHi;
            w.ub[k] = Math.min(1, eHi / (eHi + Math.max(0, othersLo)));
            double denominator = eLo + Math.max(0, othersHi);
            w.lb[k] = denominator > 0 ? Math.max(0, eLo / denominator) : 0;
        }
        // rounding must not make the lower bounds sum above one
        double total = 0;
        for (int k = 0; k < M; k++) {
            w.lb[k] *= 1 - 1e-12;
            total += w.lb[k];
        }
        if (total > 1) {
            for (int k = 0; k < M; k++) {
                w.lb[k] /= total;
            }
        }
        for (int k = 0; k < M; k++) {
            w.ub[k] = Math.max(w.ub[k], w.lb[k]);
        }
    }

    /** max Σₖ rₖ vₖ over lb ≤ r ≤ ub, Σ r = 1 (greedy: the rest of the mass to the largest vₖ first). */
    private static double cappedSimplexMax(Workspace w, int M) {
        double value = 0;
        double rest = 1;
        for (int k = 0; k < M; k++) {
            value += w.lb[k] * w.v[k];
            rest -= w.lb[k];
            w.order[k] = k;
        }
        // insertion sort of the indices by v, largest first
        for (int i = 1; i < M; i++) {
            int key = w.order[i];
            int j = i - 1;
            while (j >= 0 && w.v[w.order[j]] < w.v[key]) {
                w.order[j + 1] = w.order[j];
                j--;
            }
            w.order[j + 1] = key;
        }
        for (int i = 0; i < M && rest > 0; i++) {
            int k = w.order[i];
            double add = Math.min(w.ub[k] - w.lb[k], rest);
            value += add * w.v[k];
            rest -= add;
        }
        if (rest > 0) {   // the caps sum below one only through rounding
            value += rest * w.v[w.order[0]];
        }
        return value;
    }

    /** RᵀPR for the d×d block of P at {@code offset}. */
    private static double[] congruence(double[] R, double[] P, int offset, int d) {
        double[] PR = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += P[offset + i * d + k] * R[k * d + j];
                }
                PR[i * d + j] = s;
            }
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += R[k * d + i] * PR[k * d + j];
                }
                out[i * d + j] = s;
                out[j * d + i] = s;
            }
        }
        return out;
    }

    /** R⁻¹ of a lower-triangular R. */
    static double[] lowerInverse(double[] R, int d) {
        double[] inv = new double[d * d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < d; i++) {
                double s = i == c ? 1.0 : 0.0;
                for (int k = 0; k < i; k++) {
                    s -= R[i * d + k] * inv[k * d + c];
                }
                inv[i * d + c] = s / R[i * d + i];
            }
        }
        return inv;
    }

    /** R⁻¹x for the d entries of x at {@code offset}, with R⁻¹ given. */
    private static double[] lowerSolve(double[] Rinv, double[] x, int offset, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += Rinv[i * d + j] * x[offset + j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double trace(double[] A, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += A[i * d + i];
        }
        return t;
    }

    private static double[] abs(double[] A) {
        double[] out = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            out[i] = Math.abs(A[i]);
        }
        return out;
    }

    private static double smallestEigenvalue(EigenDecomposition_F64<DMatrixRMaj> eig, double[] A, int d) {
        if (!eig.decompose(DMatrixRMaj.wrap(d, d, A.clone()))) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            min = Math.min(min, eig.getEigenvalue(i).getReal());
        }
        // a little below, against rounding; never negative (Gₖ is positive definite)
        return Math.max(0, min * (1 - 1e-9));
    }
}
