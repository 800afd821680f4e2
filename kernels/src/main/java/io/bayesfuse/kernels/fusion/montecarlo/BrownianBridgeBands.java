package io.bayesfuse.kernels.fusion.montecarlo;

/**
 * The probability that a one-dimensional Brownian bridge stays inside a band, and the layers built
 * from it (Beskos, Papaspiliopoulos &amp; Roberts 2008; Pollock, Johansen &amp; Roberts 2016, "On the
 * exact and ε-strong simulation of (jump) diffusions"). For a bridge from x at time 0 to y at time t
 * and a band (l, v) ∋ x, y, with D = v − l,
 * <pre>
 *   P(l &lt; W_s &lt; v for all s ∈ [0, t]) = 1 − Σⱼ (σⱼ − τⱼ),   j = 1, 2, …
 *   σⱼ = exp(−2(Dj + l − x)(Dj + l − y)/t) + exp(−2(Dj − v + x)(Dj − v + y)/t)
 *   τⱼ = exp(−2j(D²j + D(x − y))/t) + exp(−2j(D²j − D(x − y))/t)
 * </pre>
 * an alternating series whose terms fall like exp(−2D²j²/t): it is summed here until the terms
 * no longer change the sum in double precision. Layer l of a bridge from a to b is the band
 * (min(a, b) − l·ε, max(a, b) + l·ε): the bridge's layer is the first band that contains it.
 */
final class BrownianBridgeBands {

    private static final int MAX_TERMS = 200;

    private BrownianBridgeBands() {
    }

    /** P(the bridge from x (time 0) to y (time t) stays in (l, v)); 0 when x or y lies outside. */
    static double stayProbability(double x, double y, double t, double l, double v) {
        if (!(x > l && x < v && y > l && y < v)) {
            return 0.0;
        }
        if (!(t > 0)) {
            return 1.0;
        }
        double D = v - l;
        double sum = 0;
        for (int j = 1; j <= MAX_TERMS; j++) {
            double sigma = Math.exp(-2 * (D * j + l - x) * (D * j + l - y) / t)
                    + Math.exp(-2 * (D * j - v + x) * (D * j - v + y) / t);
            double tau = Math.exp(-2 * j * (D * D * j + D * (x - y)) / t)
                    + Math.exp(-2 * j * (D * D * j - D * (x - y)) / t);
            sum += sigma - tau;
            if (sigma + tau < 1e-18) {
                break;
            }
        }
        double p = 1 - sum;
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }

    /** The lower edge of layer {@code layer} (≥ 1) of a bridge from a to b with step ε. */
    static double lower(double a, double b, int layer, double epsilon) {
        return Math.min(a, b) - layer * epsilon;
    }

    static double upper(double a, double b, int layer, double epsilon) {
        return Math.max(a, b) + layer * epsilon;
    }

    /** P(the bridge from a to b over time t lies inside layer {@code layer}'s band); 0 for layer 0. */
    static double insideLayer(double a, double b, double t, int layer, double epsilon) {
        if (layer <= 0) {
            return 0.0;
        }
        return stayProbability(a, b, t, lower(a, b, layer, epsilon), upper(a, b, layer, epsilon));
    }

    /**
     * The layer of a bridge from a to b over time t, drawn from its law with the uniform u: the first
     * l with P(inside band l) ≥ u.
     */
    static int drawLayer(double a, double b, double t, double epsilon, double u) {
        for (int l = 1; l < 10_000; l++) {
            if (insideLayer(a, b, t, l, epsilon) >= u) {
                return l;
            }
        }
        return 10_000;
    }

    /**
     * P(the bridge lies inside band (lo, hi) | its values {@code values[0..n)} at {@code times[0..n)}),
     * the times increasing from the bridge's start (values[0] = a at times[0]) to its end: the
     * product of the stay probabilities of the sub-bridges between consecutive points (Markov property).
     */
    static double insideGiven(double[] times, double[] values, int n, double lo, double hi) {
        double p = 1.0;
        for (int k = 0; k + 1 < n; k++) {
            p *= stayProbability(values[k], values[k + 1], times[k + 1] - times[k], lo, hi);
            if (p == 0) {
                return 0;
            }
        }
        return p;
    }
}
