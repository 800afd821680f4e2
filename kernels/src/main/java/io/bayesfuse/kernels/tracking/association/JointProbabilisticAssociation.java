package io.bayesfuse.kernels.tracking.association;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

/**
 * Joint probabilistic data association (Fortmann, Bar-Shalom and Scheffe 1983; Bar-Shalom, Willett
 * and Tian 2011, §6.4): the marginal probability βᵢⱼ that track i produced detection j, and βᵢ₀ that
 * it was missed, over every feasible joint association θ (each track to at most one detection in
 * its gate, each detection to at most one track) with P(θ) ∝ Π wᵢ,θ(i):
 * <pre>
 * βᵢⱼ = Σ_{θ: θ(i) = j} Π_k w_k,θ(k)  /  Σ_θ Π_k w_k,θ(k)
 * </pre>
 * Each cluster is solved on its own. A cluster is enumerated exactly (depth-first over its tracks,
 * skipping detections already taken) when Π (gated detections + 1) over its tracks, an upper bound
 * on its joint associations, is at most {@code maxHypotheses}. Beyond that, the stated
 * approximation: the marginals are computed by loopy belief propagation on the association graph
 * (Williams and Lau 2014, "Approximate evaluation of marginal association probabilities with
 * belief propagation", IEEE TAES 50(4)), which converges for this problem and is typically within
 * a few hundredths of the exact marginals.
 */
public final class JointProbabilisticAssociation {

    /** The default bound on the joint associations enumerated per cluster. */
    public static final int DEFAULT_MAX_HYPOTHESES = 100_000;

    private final int maxHypotheses;
    private int approximatedClusters;

    public JointProbabilisticAssociation(int maxHypotheses) {
        requireMaxHypotheses("JPDA", maxHypotheses);
        this.maxHypotheses = maxHypotheses;
    }

    /** The one check of the bound, shared with the tracking policy and the configuration. @throws InvalidInputException below 1 */
    public static void requireMaxHypotheses(String subject, int maxHypotheses) {
        if (maxHypotheses < 1) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "maxHypotheses", "is " + maxHypotheses + ", must be at least 1");
        }
    }

    /**
     * @return for each track i, its probabilities: entry k for the k-th detection of its gate, and
     * a last entry for "missed"; each row sums to 1
     */
    public double[][] associate(AssociationProblem problem) {
        double[][] beta = new double[problem.tracks()][];
        for (int i = 0; i < problem.tracks(); i++) {
            beta[i] = new double[problem.gated(i).length + 1];
        }
        for (Clusters.Cluster cluster : Clusters.of(problem)) {
            if (cluster.detections().length == 0) {
                for (int i : cluster.tracks()) {
                    beta[i][0] = 1;
                }
                continue;
            }
            ClusterWeights w = ClusterWeights.of(problem, cluster);
            if (w.hypothesisBound() <= maxHypotheses) {
                enumerate(w, beta);
            } else {
                approximatedClusters++;
                LoopyBeliefPropagation.marginals(w, beta);
            }
        }
        return beta;
    }

    /** How many clusters so far were too large to enumerate and were approximated. */
    public int approximatedClusters() {
        return approximatedClusters;
    }

    /** Exact marginals by enumerating every feasible joint association of the cluster. */
    static void enumerate(ClusterWeights w, double[][] beta) {
        int tracks = w.tracks.length;
        double[][] sums = new double[tracks][];
        for (int r = 0; r < tracks; r++) {
            sums[r] = new double[w.options[r].length + 1];
        }
        int[] choice = new int[tracks];
        boolean[] taken = new boolean[w.detections.length];
        double total = visit(w, 0, 1.0, choice, taken, sums);
        for (int r = 0; r < tracks; r++) {
            double[] row = beta[w.tracks[r]];
            for (int k = 0; k < row.length; k++) {
                row[k] = sums[r][k] / total;
            }
        }
    }

    /** Depth-first over tracks; returns the summed weight of the associations below this node. */
    private static double visit(ClusterWeights w, int r, double product, int[] choice, boolean[] taken, double[][] sums) {
        if (r == w.tracks.length) {
            for (int t = 0; t < choice.length; t++) {
                sums[t][choice[t]] += product;
            }
            return product;
        }
        int missed = w.options[r].length;
        choice[r] = missed;
        double total = visit(w, r + 1, product * w.miss[r], choice, taken, sums);
        for (int k = 0; k < w.options[r].length; k++) {
            int local = w.options[r][k];
            if (!taken[local]) {
                taken[local] = true;
                choice[r] = k;
                total += visit(w, r + 1, product * w.weight[r][k], choice, taken, sums);
                taken[local] = false;
            }
        }
        return total;
    }

    /**
     * A cluster's weights, each track's scaled by its largest (a common factor per track cancels in
     * the marginals and keeps the products of many tracks from overflowing).
     */
    static final class ClusterWeights {
        final int[] tracks;
        final int[] detections;
        /** options[r][k]: the cluster-local index of the k-th gated detection of cluster track r. */
        final int[][] options;
        final double[][] weight;
        final double[] miss;

        private ClusterWeights(int[] tracks, int[] detections, int[][] options, double[][] weight, double[] miss) {
            this.tracks = tracks;
            this.detections = detections;
            this.options = options;
            this.weight = weight;
            this.miss = miss;
        }

        static ClusterWeights of(AssociationProblem problem, Clusters.Cluster cluster) {
            int[] tracks = cluster.tracks();
            int[] detections = cluster.detections();
            int[][] options = new int[tracks.length][];
            double[][] weight = new double[tracks.length][];
            double[] miss = new double[tracks.length];
            for (int r = 0; r < tracks.length; r++) {
                int i = tracks[r];
                int[] gated = problem.gated(i);
                double largest = problem.logMissWeight(i);
                for (int k = 0; k < gated.length; k++) {
                    largest = Math.max(largest, problem.logWeight(i, k));
                }
                options[r] = new int[gated.length];
                weight[r] = new double[gated.length];
                for (int k = 0; k < gated.length; k++) {
                    options[r][k] = java.util.Arrays.binarySearch(detections, gated[k]);
                    weight[r][k] = Math.exp(problem.logWeight(i, k) - largest);
                }
                miss[r] = Math.exp(problem.logMissWeight(i) - largest);
            }
            return new ClusterWeights(tracks, detections, options, weight, miss);
        }

        /** Π (gated + 1), saturating at Long.MAX_VALUE. */
        long hypothesisBound() {
            long bound = 1;
            for (int[] o : options) {
                if (bound > Long.MAX_VALUE / (o.length + 1)) {
                    return Long.MAX_VALUE;
                }
                bound *= o.length + 1;
            }
            return bound;
        }
    }
}
