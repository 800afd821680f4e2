package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * The weight arithmetic of a fusion node's sequential Monte Carlo, on log-weights: effective sample
 * sizes, the time horizon that keeps one, and systematic resampling.
 */
final class ImportanceWeights {

    private ImportanceWeights() {
    }

    /** The smallest T whose weights exp(−Sⱼ/2T) keep an effective sample size fraction of {@code target}. */
    static double horizon(double[] S, double target) {
        double lo = 1.0;
        double hi = 1.0;
        if (essOfScaled(S, 1.0) >= target) {
            while (lo > 1e-8 && essOfScaled(S, lo / 2) >= target) {
                lo /= 2;
            }
            hi = lo;
            lo = lo / 2;
        } else {
            while (hi < 1e12 && essOfScaled(S, hi) < target) {
                hi *= 2;
            }
            lo = hi / 2;
        }
        for (int i = 0; i < 40; i++) {
            double mid = Math.sqrt(lo * hi);
            if (essOfScaled(S, mid) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static double essOfScaled(double[] S, double T) {
        double[] logW = new double[S.length];
        for (int j = 0; j < S.length; j++) {
            logW[j] = -S[j] / (2 * T);
        }
        return ess(logW);
    }

    /** The effective sample size (Σw)²/Σw² as a fraction of the number of weights. */
    static double ess(double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double sum = 0;
        double squares = 0;
        for (double l : logW) {
            double w = Math.exp(l - max);
            sum += w;
            squares += w * w;
        }
        return sum * sum / squares / logW.length;
    }

    /** (Σ Wⱼwⱼ)²/Σ Wⱼwⱼ² with W the normalised current weights and w the new factors (Zhou, Johansen &amp; Aston 2016). */
    static double conditionalEss(double[] logW, double[] logIncrement, int[] rows) {
        double maxW = Double.NEGATIVE_INFINITY;
        double maxI = Double.NEGATIVE_INFINITY;
        for (int j : rows) {
            if (Double.isNaN(logIncrement[j])) {
                return 0;
            }
            maxW = Math.max(maxW, logW[j]);
            maxI = Math.max(maxI, logIncrement[j]);
        }
        if (maxI == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double total = 0;
        double first = 0;
        double second = 0;
        for (int j : rows) {
            double W = Math.exp(logW[j] - maxW);
            double w = Math.exp(logIncrement[j] - maxI);
            total += W;
            first += W * w;
            second += W * w * w;
        }
        first /= total;
        second /= total;
        return second == 0 ? 0 : first * first / second;
    }

    /** Systematic resampling of {@code count} indices by the weights exp(logW). */
    static int[] systematic(double[] logW, int count, SplitMix64 random) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new FusionFailedException("every tuple's weight is zero");
        }
        double[] cumulative = new double[logW.length];
        double total = 0;
        for (int j = 0; j < logW.length; j++) {
            total += Math.exp(logW[j] - max);
            cumulative[j] = total;
        }
        int[] picked = new int[count];
        double u = random.nextDouble() / count;
        int j = 0;
        for (int i = 0; i < count; i++) {
            double target = (u + (double) i / count) * total;
            while (j < logW.length - 1 && cumulative[j] < target) {
                j++;
            }
            picked[i] = j;
        }
        return picked;
    }
}
