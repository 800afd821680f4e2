package io.bayesfuse.kernels.fusion.mixture;

import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;

import java.util.ArrayList;
import java.util.List;

/**
 * Reduces a Gaussian mixture to at most a given number of components by Runnalls' method
 * (A. R. Runnalls, "Kullback-Leibler approach to Gaussian mixture reduction", IEEE Trans. AES
 * 43(3), 2007): repeatedly merge, by moment matching, the pair whose merge costs least in the
 * upper bound on the Kullback-Leibler discrimination of the reduced from the original mixture,
 * <pre>
 *   B(i, j) = ½ [ (wᵢ + wⱼ) log det Pᵢⱼ − wᵢ log det Pᵢ − wⱼ log det Pⱼ ]
 * </pre>
 * where Pᵢⱼ is the covariance of the moment-matched merge of i and j (eq. 21 of the paper).
 * Pairwise costs are cached; after a merge only the merged component's row is recomputed.
 * Ties go to the lowest index pair, so the reduction is deterministic.
 */
public final class RunnallsReduction {

    private RunnallsReduction() {
    }

    /** The mixture itself when it has at most {@code maxComponents}, else its reduction. */
    public static GaussianMixture reduce(GaussianMixture mixture, int maxComponents) {
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be at least 1, got " + maxComponents);
        }
        if (mixture.size() <= maxComponents) {
            return mixture;
        }
        List<GaussianMixture.Weighted> components = new ArrayList<>(mixture.weighted());
        List<Double> logDets = new ArrayList<>();
        for (GaussianMixture.Weighted c : components) {
            logDets.add(logDet(c.gaussian()));
        }
        int n = components.size();
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                cost[i][j] = cost(components, logDets, i, j);
            }
        }
        boolean[] alive = new boolean[n];
        java.util.Arrays.fill(alive, true);
        int count = n;
        while (count > maxComponents) {
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (alive[j] && cost[i][j] < best) {
                        best = cost[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {   // every cost non-finite: merge the first two alive components
                bi = next(alive, 0);
                bj = next(alive, bi + 1);
            }
            GaussianMixture.Weighted a = components.get(bi);
            GaussianMixture.Weighted b = components.get(bj);
            Gaussian merged = MomentMatching.merge(a.weight(), a.gaussian(), b.weight(), b.gaussian());
            components.set(bi, new GaussianMixture.Weighted(a.weight() + b.weight(), merged));
            logDets.set(bi, logDet(merged));
            alive[bj] = false;
            count--;
            for (int k = 0; k < n; k++) {
                if (alive[k] && k != bi) {
                    double c = cost(components, logDets, Math.min(k, bi), Math.max(k, bi));
                    cost[Math.min(k, bi)][Math.max(k, bi)] = c;
                }
            }
        }
        List<Gaussian> kept = new ArrayList<>();
        double[] weights = new double[count];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (alive[i]) {
                weights[m++] = components.get(i).weight();
                kept.add(components.get(i).gaussian());
            }
        }
        return GaussianMixture.of(weights, kept);
    }

    /** Runnalls' bound B(i, j) for merging components i and j. */
    static double cost(List<GaussianMixture.Weighted> components, List<Double> logDets, int i, int j) {
        GaussianMixture.Weighted a = components.get(i);
        GaussianMixture.Weighted b = components.get(j);
        Gaussian merged = MomentMatching.merge(a.weight(), a.gaussian(), b.weight(), b.gaussian());
        return 0.5 * ((a.weight() + b.weight()) * logDet(merged) - a.weight() * logDets.get(i) - b.weight() * logDets.get(j));
    }

    private static double logDet(Gaussian g) {
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(g.covarianceMatrix())) {
            return Double.NaN;
        }
        return cholesky.logDeterminant();
    }

    private static int next(boolean[] alive, int from) {
        for (int i = from; i < alive.length; i++) {
            if (alive[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no component left");
    }
}
