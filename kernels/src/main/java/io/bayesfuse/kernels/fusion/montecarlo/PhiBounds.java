package io.bayesfuse.kernels.fusion.montecarlo;

/**
 * Bounds L ≤ φ(z) ≤ U of a {@link WhitenedProduct}'s φ over a box of whitened coordinates, which keep
 * the Poisson thinning of the path-space weights non-negative: interval arithmetic on each
 * component's whitened gradient ĝₖ = −Gₖ(z − mₖ), bounds on each responsibility from bounds on the
 * quadratic forms, and the extreme of a weighted sum over the capped simplex of responsibilities.
 * A two-component mixture's responsibilities lie on a segment (r₀ = t, r₁ = 1 − t), where every
 * such extreme is at an end and its Laplacian term t(1 − t)|G₀u₀ − G₁u₁|² − Σₖ rₖ tr Gₖ has bounds
 * that close in on it as the box shrinks ({@code twoComponents}). The per-component loops are
 * written out for d = 2, the plane, where most of the time of a fusion goes.
 */
final class PhiBounds {

    private PhiBounds() {
    }

    /**
     * Bounds L ≤ φ(z) ≤ U for every z in the box [lo, hi] (a little widened against rounding), into
     * {@code out[0]} = L, {@code out[1]} = U.
     */
    static void bounds(WhitenedProduct p, double[] lo, double[] hi, double[] out, PhiWorkspace w) {
        int d = p.d;
        for (int r = 0; r < d; r++) {
            w.center[r] = 0.5 * (lo[r] + hi[r]);
            w.half[r] = 0.5 * (hi[r] - lo[r]);
        }
        double lapLo = 0;
        double lapHi = 0;
        if (p.hasGaussians) {
            for (int r = 0; r < d; r++) {
                double s = p.hsum[r];
                double spread = 0;
                for (int j = 0; j < d; j++) {
                    s -= p.Gsum[r * d + j] * w.center[j];
                    spread += p.Gabs[r * d + j] * w.half[j];
                }
                w.gradLo[r] = s - spread;
                w.gradHi[r] = s + spread;
            }
            lapLo = -p.trSum;
            lapHi = -p.trSum;
        } else {
            java.util.Arrays.fill(w.gradLo, 0.0);
            java.util.Arrays.fill(w.gradHi, 0.0);
        }
        for (int i = 0; i + 1 < p.start.length; i++) {
            int from = p.start[i];
            int M = p.start[i + 1] - from;
            double maxHi = d == 2 ? componentsInThePlane(p, from, M, w) : components(p, from, M, w);
            if (M == 2) {
                twoComponents(p, from, w);
                lapLo += w.lap[0];
                lapHi += w.lap[1];
                continue;
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
                w.v[k] = far - p.tr[from + k];
            }
            lapHi += cappedSimplexMax(w, M);
            for (int k = 0; k < M; k++) {
                w.v[k] = p.tr[from + k];
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

    /**
     * Per component of the mixture at {@code from}: Gₖu at the box's centre and its spread over the box
     * (into w.gu and w.spread) and bounds of the log-weight lₖ = aₖ − ½uᵀGₖu (into w.lo and w.hi);
     * returns the largest upper bound.
     */
    private static double components(WhitenedProduct p, int from, int M, PhiWorkspace w) {
        int d = p.d;
        double maxHi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < M; k++) {
            int c = from + k;
            double qc = 0;
            double lin = 0;
            double quad = 0;
            double dist2 = 0;
            for (int r = 0; r < d; r++) {
                w.u[r] = w.center[r] - p.m[c * d + r];
                double outside = Math.max(0, Math.abs(w.u[r]) - w.half[r]);
                dist2 += outside * outside;
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                double spread = 0;
                for (int j = 0; j < d; j++) {
                    s += p.G[c * d * d + r * d + j] * w.u[j];
                    spread += p.Gabs2[c * d * d + r * d + j] * w.half[j];
                }
                w.gu[k * d + r] = s;
                w.spread[k * d + r] = spread;
                qc += w.u[r] * s;
                lin += Math.abs(s) * w.half[r];
                quad += spread * w.half[r];
            }
            double qLo = Math.max(Math.max(0, qc - 2 * lin), p.lambdaMin[c] * dist2);
            double qHi = qc + 2 * lin + quad;
            w.lo[k] = p.a[c] - 0.5 * qHi;   // log-weight bounds
            w.hi[k] = p.a[c] - 0.5 * qLo;
            maxHi = Math.max(maxHi, w.hi[k]);
        }
        return maxHi;
    }

    /** {@link #components} for d = 2, its loops written out. */
    private static double componentsInThePlane(WhitenedProduct p, int from, int M, PhiWorkspace w) {
        double center0 = w.center[0];
        double center1 = w.center[1];
        double half0 = w.half[0];
        double half1 = w.half[1];
        double maxHi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < M; k++) {
            int c = from + k;
            double u0 = center0 - p.m[2 * c];
            double u1 = center1 - p.m[2 * c + 1];
            double outside0 = Math.max(0, Math.abs(u0) - half0);
            double outside1 = Math.max(0, Math.abs(u1) - half1);
            double dist2 = outside0 * outside0 + outside1 * outside1;
            double s0 = p.G[4 * c] * u0 + p.G[4 * c + 1] * u1;
            double s1 = p.G[4 * c + 2] * u0 + p.G[4 * c + 3] * u1;
            double spread0 = p.Gabs2[4 * c] * half0 + p.Gabs2[4 * c + 1] * half1;
            double spread1 = p.Gabs2[4 * c + 2] * half0 + p.Gabs2[4 * c + 3] * half1;
            w.gu[2 * k] = s0;
            w.gu[2 * k + 1] = s1;
            w.spread[2 * k] = spread0;
            w.spread[2 * k + 1] = spread1;
            double qc = u0 * s0 + u1 * s1;
            double lin = Math.abs(s0) * half0 + Math.abs(s1) * half1;
            double quad = spread0 * half0 + spread1 * half1;
            double qLo = Math.max(Math.max(0, qc - 2 * lin), p.lambdaMin[c] * dist2);
            double qHi = qc + 2 * lin + quad;
            w.lo[k] = p.a[c] - 0.5 * qHi;
            w.hi[k] = p.a[c] - 0.5 * qLo;
            maxHi = Math.max(maxHi, w.hi[k]);
        }
        return maxHi;
    }

    /**
     * A two-component mixture (Gₖu and its spread over the box in w.gu and w.spread, the log-weight
     * bounds in w.lo and w.hi): r₀ = t, r₁ = 1 − t with t in [t_lo, t_hi], so every extreme of a
     * weighted sum is taken at one of the segment's ends (no sorting, two exponentials). Adds the
     * bounds of −Σₖ rₖGₖu to w.gradLo and w.gradHi and puts those of the Laplacian term
     * tr(Λ∇²Aᵢ) = t(1 − t)|G₀u₀ − G₁u₁|² − (t tr G₀ + (1 − t) tr G₁) into w.lap (the tighter of
     * these bounds and those of the many-component case, both valid).
     */
    private static void twoComponents(WhitenedProduct p, int from, PhiWorkspace w) {
        int d = p.d;
        double tLo = 1 / (1 + Math.exp(w.hi[1] - w.lo[0]));
        double tHi = 1 / (1 + Math.exp(w.lo[1] - w.hi[0]));
        double tr0 = p.tr[from];
        double tr1 = p.tr[from + 1];
        double traceHi = tr1 + (tr0 > tr1 ? tHi : tLo) * (tr0 - tr1);
        double traceLo = tr1 + (tr0 > tr1 ? tLo : tHi) * (tr0 - tr1);
        double far0 = 0;
        double far1 = 0;
        double apartHi = 0;
        double apartLo = 0;
        for (int r = 0; r < d; r++) {
            double low0 = w.gu[r] - w.spread[r];
            double up0 = w.gu[r] + w.spread[r];
            double low1 = w.gu[d + r] - w.spread[d + r];
            double up1 = w.gu[d + r] + w.spread[d + r];
            double sumHi = up1 + (up0 > up1 ? tHi : tLo) * (up0 - up1);    // the largest Σ rₖ(Gₖu)_r
            double sumLo = low1 + (low0 < low1 ? tHi : tLo) * (low0 - low1); // the smallest
            w.gradLo[r] -= sumHi;
            w.gradHi[r] -= sumLo;
            double centre = 0.5 * (sumLo + sumHi);
            double e0 = Math.max(Math.abs(low0 - centre), Math.abs(up0 - centre));
            double e1 = Math.max(Math.abs(low1 - centre), Math.abs(up1 - centre));
            far0 += e0 * e0;
            far1 += e1 * e1;
            // (G₀u₀ − G₁u₁)_r over the box
            double differenceLo = low0 - up1;
            double differenceHi = up0 - low1;
            double big = Math.max(Math.abs(differenceLo), Math.abs(differenceHi));
            apartHi += big * big;
            if (differenceLo > 0 || differenceHi < 0) {
                double small = Math.min(Math.abs(differenceLo), Math.abs(differenceHi));
                apartLo += small * small;
            }
        }
        // t(1 − t) is concave: its least value on the segment at an end, its largest at ½ or the end nearest it
        double atLo = tLo * (1 - tLo);
        double atHi = tHi * (1 - tHi);
        double productLo = Math.min(atLo, atHi);
        double productHi = tLo <= 0.5 && tHi >= 0.5 ? 0.25 : Math.max(atLo, atHi);
        double v0 = far0 - tr0;
        double v1 = far1 - tr1;
        double manyHi = v1 + (v0 > v1 ? tHi : tLo) * (v0 - v1);
        w.lap[0] = Math.max(productLo * apartLo, 0) - traceHi;
        w.lap[1] = Math.min(productHi * apartHi - traceLo, manyHi);
    }

    private static double spreadOf(PhiWorkspace w, int k, int r) {
        return w.spread[k * w.grad.length + r];
    }

    /**
     * Bounds on each responsibility rₖ = e^{lₖ}/Σⱼ e^{lⱼ} from bounds lo ≤ l ≤ hi on the
     * log-weights, into w.lb and w.ub.
     */
    private static void responsibilityBounds(PhiWorkspace w, int M, double maxHi) {
        double sumLo = 0;
        double sumHi = 0;
        for (int k = 0; k < M; k++) {
            w.l[k] = Math.exp(w.lo[k] - maxHi);   // e^{lo_k}, e^{hi_k} (w.l and w.r are free here)
            w.r[k] = Math.exp(w.hi[k] - maxHi);
            sumLo += w.l[k];
            sumHi += w.r[k];
        }
        for (int k = 0; k < M; k++) {
            double eHi = w.r[k];
            double eLo = w.l[k];
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
    private static double cappedSimplexMax(PhiWorkspace w, int M) {
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
}
