package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * An unbiased, non-negative estimate of Q = E[exp(−∫₀^Δ φ(W_s) ds)] over a Brownian bridge W from a
 * to b (whitened coordinates), the path-space factor of a Monte Carlo Fusion weight (Dai, Pollock &amp;
 * Roberts 2019, Theorem 1):
 * <ol>
 * <li>a layer: for each coordinate, the first band (min(a, b) − lε, max(a, b) + lε) that holds the
 *     bridge, drawn from its law ({@link BrownianBridgeBands}, ε = scale·√Δ); the box B they make
 *     bounds φ: L ≤ φ ≤ U on B ({@link WhitenedProduct#bounds});</li>
 * <li>Poisson thinning: the points of a Poisson process of rate U − L on [0, Δ], the bridge at those
 *     times, and e^{−LΔ} Πⱼ (U − φ(W_ξⱼ))/(U − L), whose expectation given the path is e^{−∫φ}
 *     (Beskos, Papaspiliopoulos &amp; Roberts 2006) and which is non-negative when the path lies in B;</li>
 * <li>the bridge's points are drawn from the bridge itself, not from the bridge given its layer, and
 *     weighted instead by P(layer | points)/P(layer) — both exact (the alternating series, to
 *     double precision) — which is zero whenever a point leaves B, so the estimate is never negative.</li>
 * </ol>
 * Unbiasedness does not depend on the layer; the layer only keeps the factors non-negative.
 *
 * <p>One instance per thread (it holds scratch arrays).
 */
final class PathSpaceWeight {

    private final WhitenedProduct phi;
    private final WhitenedProduct.Workspace workspace;
    private final int d;
    private final double layerScale;
    private final double[] lo;
    private final double[] hi;
    private final int[] layer;
    private final double[] layerProbability;
    private final double[] bounds = new double[2];
    private double[] times = new double[16];
    private double[] values = new double[16];
    private double[] points = new double[16];
    private int lastPoints;

    PathSpaceWeight(WhitenedProduct phi, double layerScale) {
        this.phi = phi;
        this.workspace = phi.workspace();
        this.d = phi.dimension();
        this.layerScale = layerScale;
        this.lo = new double[d];
        this.hi = new double[d];
        this.layer = new int[d];
        this.layerProbability = new double[d];
    }

    /** The number of Poisson points of the last estimate (its cost). */
    int lastPoints() {
        return lastPoints;
    }

    /**
     * log Q̂ for the bridge from a (at {@code a[aOffset..]}) to b over time Δ; −∞ when the estimate is 0.
     */
    double logWeight(double[] a, int aOffset, double[] b, int bOffset, double duration, SplitMix64 random) {
        return logWeight(a, aOffset, b, bOffset, duration, random, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #logWeight(double[], int, double[], int, double, SplitMix64)}, but NaN (no estimate)
     * as soon as the bridge's expected number of Poisson points (U − L)Δ exceeds {@code budget}: for
     * pilot runs that only choose a step length.
     */
    double logWeight(double[] a, int aOffset, double[] b, int bOffset, double duration, SplitMix64 random, double budget) {
        double epsilon = layerScale * Math.sqrt(duration);
        for (int r = 0; r < d; r++) {
            double ar = a[aOffset + r];
            double br = b[bOffset + r];
            int l = BrownianBridgeBands.drawLayer(ar, br, duration, epsilon, random.nextDouble());
            layer[r] = l;
            layerProbability[r] = BrownianBridgeBands.insideLayer(ar, br, duration, l, epsilon)
                    - BrownianBridgeBands.insideLayer(ar, br, duration, l - 1, epsilon);
            lo[r] = BrownianBridgeBands.lower(ar, br, l, epsilon);
            hi[r] = BrownianBridgeBands.upper(ar, br, l, epsilon);
        }
        phi.bounds(lo, hi, bounds, workspace);
        double L = bounds[0];
        double U = bounds[1];
        double rate = U - L;
        if (rate * duration > budget) {
            lastPoints = Integer.MAX_VALUE;
            return Double.NaN;
        }
        // the Poisson points, in increasing order, with the bridge's ends around them
        int n = 1;
        ensure(2);
        times[0] = 0;
        if (rate > 0) {
            double t = 0;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / rate;
                if (t >= duration) {
                    break;
                }
                ensure(n + 2);
                times[n++] = t;
            }
        }
        int kappa = n - 1;
        lastPoints = kappa;
        times[n++] = duration;
        // the bridge at those times, coordinate by coordinate (whitened: independent standard bridges)
        ensurePoints(kappa * d);
        double logQ = -L * duration;
        for (int r = 0; r < d; r++) {
            double ar = a[aOffset + r];
            double br = b[bOffset + r];
            values[0] = ar;
            for (int j = 1; j <= kappa; j++) {
                double tPrev = times[j - 1];
                double left = duration - tPrev;
                double step = times[j] - tPrev;
                double mean = values[j - 1] + step / left * (br - values[j - 1]);
                double variance = step * (duration - times[j]) / left;
                double v = mean + Math.sqrt(Math.max(variance, 0)) * random.nextGaussian();
                if (!(v > lo[r] && v < hi[r])) {
                    return Double.NEGATIVE_INFINITY;
                }
                values[j] = v;
                points[(j - 1) * d + r] = v;
            }
            values[kappa + 1] = br;
            int l = layer[r];
            double inside = BrownianBridgeBands.insideGiven(times, values, n, lo[r], hi[r]);
            double insidePrevious = l == 1 ? 0.0 : BrownianBridgeBands.insideGiven(times, values, n,
                    BrownianBridgeBands.lower(ar, br, l - 1, epsilon), BrownianBridgeBands.upper(ar, br, l - 1, epsilon));
            double given = inside - insidePrevious;
            if (!(given > 0) || !(layerProbability[r] > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            logQ += Math.log(given / layerProbability[r]);
        }
        if (kappa > 0) {
            double logRate = Math.log(rate);
            for (int j = 0; j < kappa; j++) {
                double factor = U - phi.phi(points, j * d, workspace);
                if (!(factor > 0)) {
                    return Double.NEGATIVE_INFINITY;
                }
                logQ += Math.log(factor) - logRate;
            }
        }
        return logQ;
    }

    private void ensure(int n) {
        if (times.length < n) {
            int size = Math.max(n, 2 * times.length);
            times = java.util.Arrays.copyOf(times, size);
            values = java.util.Arrays.copyOf(values, size);
        }
    }

    private void ensurePoints(int n) {
        if (points.length < n) {
            points = new double[Math.max(n, 2 * points.length)];
        }
    }
}
