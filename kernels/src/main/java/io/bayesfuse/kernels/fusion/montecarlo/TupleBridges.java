package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.stream.IntStream;

/**
 * One mesh step of a fusion node's tuples from time s to t ≤ T: the C children's Λ_c-Brownian motions
 * conditioned to meet at T move jointly,
 * <pre>
 *   y ~ N(x̃_s, (T − s)Λ̄),   x_t⁽ᶜ⁾ ~ N(x_s⁽ᶜ⁾ + (t − s)/(T − s)·(y − x_s⁽ᶜ⁾), (t − s)(T − t)/(T − s)·Λ_c)
 * </pre>
 * (at t = T every x⁽ᶜ⁾ = y), and each tuple's weight is multiplied by Π_c Q̂_c, the path-space factor of
 * child c over its bridge from x_s⁽ᶜ⁾ to x_t⁽ᶜ⁾ in its whitened coordinates ({@link PathSpaceWeight}).
 * Randomness: one SplitMix64 stream per (step attempt, tuple), so the result does not depend on the
 * number of threads.
 */
final class TupleBridges {

    private static final int BLOCK = 128;

    /** The proposed next states of every tuple (X[c], M × d) and their log path-space factors. */
    static final class Proposal {
        double[][] X;
        final double[] logWeight;
        int maxPoints;

        Proposal(int C, int d, int M) {
            X = new double[C][M * d];
            logWeight = new double[M];
        }
    }

    private final Preconditioner pre;
    private final WhitenedProduct[] phi;
    private final double layerScale;
    private final boolean parallel;

    TupleBridges(Preconditioner pre, WhitenedProduct[] phi, double layerScale, boolean parallel) {
        this.pre = pre;
        this.phi = phi;
        this.layerScale = layerScale;
        this.parallel = parallel;
    }

    /**
     * Moves the tuples {@code rows} of X from s to t (into {@code proposal.X}) and estimates their
     * path-space factors; {@code budget} bounds each bridge's expected Poisson points (a factor over
     * budget is NaN).
     */
    void propose(Proposal proposal, double[][] X, double s, double t, double T, long attemptSeed, int[] rows, double budget) {
        int C = X.length;
        int d = pre.d;
        int M = rows.length;
        int blocks = (M + BLOCK - 1) / BLOCK;
        int[] maxPoints = new int[blocks];
        IntStream range = IntStream.range(0, blocks);
        (parallel ? range.parallel() : range).forEach(block -> {
            PathSpaceWeight[] weights = new PathSpaceWeight[C];
            for (int c = 0; c < C; c++) {
                weights[c] = new PathSpaceWeight(phi[c], layerScale);
            }
            double[] xTilde = new double[d];
            double[] y = new double[d];
            double[] xi = new double[d];
            double[] a = new double[d];
            double[] b = new double[d];
            double left = T - s;
            double fraction = (t - s) / left;
            double spread = Math.sqrt((t - s) * (T - t) / left);
            double scale = Math.sqrt(left);
            int most = 0;
            for (int row = block * BLOCK; row < Math.min(M, (block + 1) * BLOCK); row++) {
                int j = rows[row];
                SplitMix64 random = new SplitMix64(SplitMix64.mix(attemptSeed ^ SplitMix64.mix(j + 0x51ED27L)));
                pre.combine(X, j, xTilde);
                for (int i = 0; i < d; i++) {
                    xi[i] = random.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    double v = xTilde[i];
                    for (int k = 0; k <= i; k++) {
                        v += scale * pre.Rbar[i * d + k] * xi[k];
                    }
                    y[i] = v;
                }
                double logQ = 0;
                for (int c = 0; c < C; c++) {
                    double[] next = proposal.X[c];
                    if (t >= T) {
                        System.arraycopy(y, 0, next, j * d, d);
                    } else {
                        for (int i = 0; i < d; i++) {
                            xi[i] = random.nextGaussian();
                        }
                        for (int i = 0; i < d; i++) {
                            double v = X[c][j * d + i] + fraction * (y[i] - X[c][j * d + i]);
                            for (int k = 0; k <= i; k++) {
                                v += spread * pre.R[c][i * d + k] * xi[k];
                            }
                            next[j * d + i] = v;
                        }
                    }
                    SmallMatrices.lowerMultiply(pre.Rinv[c], X[c], j * d, a, 0, d);
                    SmallMatrices.lowerMultiply(pre.Rinv[c], next, j * d, b, 0, d);
                    if (logQ > Double.NEGATIVE_INFINITY) {
                        logQ += weights[c].logWeight(a, 0, b, 0, t - s, random, budget);
                        most = Math.max(most, weights[c].lastPoints());
                    }
                }
                proposal.logWeight[j] = logQ;
            }
            maxPoints[block] = most;
        });
        int most = 0;
        for (int m : maxPoints) {
            most = Math.max(most, m);
        }
        proposal.maxPoints = most;
    }
}
