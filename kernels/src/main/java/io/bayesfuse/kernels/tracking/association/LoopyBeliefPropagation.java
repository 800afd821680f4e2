package io.bayesfuse.kernels.tracking.association;

/**
 * Approximate marginal association probabilities by belief propagation on the bipartite
 * track–detection graph (Williams and Lau 2014, IEEE TAES 50(4), eqs. 30–31): with wᵢⱼ the
 * track-to-detection weights, wᵢ₀ the miss weights and a unit weight for a detection being
 * clutter, messages are iterated
 * <pre>
 * μᵢⱼ = wᵢⱼ / (wᵢ₀ + Σ_{j' ≠ j} wᵢⱼ' νᵢⱼ')        (track i to detection j)
 * νᵢⱼ = 1 / (1 + Σ_{i' ≠ i} μᵢ'ⱼ)                   (detection j to track i)
 * </pre>
 * until they change by less than 1e-10 (or 1000 rounds), and βᵢⱼ = wᵢⱼ νᵢⱼ / (wᵢ₀ + Σⱼ' wᵢⱼ' νᵢⱼ'),
 * βᵢ₀ = wᵢ₀ / (wᵢ₀ + Σⱼ' wᵢⱼ' νᵢⱼ'). The iteration is a contraction here (the paper's theorem), so
 * it converges to a unique fixed point; the result is exact when the graph is a tree.
 */
final class LoopyBeliefPropagation {

    static final double TOLERANCE = 1e-10;
    static final int MAX_ROUNDS = 1000;

    private LoopyBeliefPropagation() {
    }

    static void marginals(JointProbabilisticAssociation.ClusterWeights w, double[][] beta) {
        int tracks = w.tracks.length;
        double[][] nu = new double[tracks][];
        double[][] mu = new double[tracks][];
        for (int r = 0; r < tracks; r++) {
            nu[r] = new double[w.options[r].length];
            mu[r] = new double[w.options[r].length];
            java.util.Arrays.fill(nu[r], 1.0);
        }
        double[] detectionSums = new double[w.detections.length];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            for (int r = 0; r < tracks; r++) {
                double s = w.miss[r];
                for (int k = 0; k < nu[r].length; k++) {
                    s += w.weight[r][k] * nu[r][k];
                }
                for (int k = 0; k < nu[r].length; k++) {
                    mu[r][k] = w.weight[r][k] / (s - w.weight[r][k] * nu[r][k]);
                }
            }
            java.util.Arrays.fill(detectionSums, 1.0);
            for (int r = 0; r < tracks; r++) {
                for (int k = 0; k < mu[r].length; k++) {
                    detectionSums[w.options[r][k]] += mu[r][k];
                }
            }
            double change = 0;
            for (int r = 0; r < tracks; r++) {
                for (int k = 0; k < nu[r].length; k++) {
                    double next = 1.0 / (detectionSums[w.options[r][k]] - mu[r][k]);
                    change = Math.max(change, Math.abs(next - nu[r][k]));
                    nu[r][k] = next;
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        for (int r = 0; r < tracks; r++) {
            double s = w.miss[r];
            for (int k = 0; k < nu[r].length; k++) {
                s += w.weight[r][k] * nu[r][k];
            }
            double[] row = beta[w.tracks[r]];
            for (int k = 0; k < nu[r].length; k++) {
                row[k] = w.weight[r][k] * nu[r][k] / s;
            }
            row[nu[r].length] = w.miss[r] / s;
        }
    }
}
