package io.bayesfuse.kernels.tracking.association;

import java.util.Arrays;

/**
 * Which detections fall in which track's gate, and how likely each pairing is, relative to the
 * detection being clutter (Bar-Shalom, Willett, Tian 2011, "Tracking and Data Fusion", §6.2):
 * <pre>
 * track i detected as detection j:   wᵢⱼ = P_D · N(zⱼ; ẑᵢ, Sᵢⱼ) / λ      (j in track i's gate)
 * track i missed:                    wᵢ₀ = 1 − P_D · P_G
 * </pre>
 * with P_D the detection probability, P_G the gate probability and λ the clutter density (false
 * detections per unit volume of measurement space). Weights are kept as logarithms. A joint
 * association's likelihood ratio against "every detection is clutter" is the product of its
 * tracks' weights; GNN maximises it, JPDA averages over it.
 */
public final class AssociationProblem {

    private final int detections;
    private final int[][] gated;
    private final double[][] logWeights;
    private final double[] logMissWeights;

    /**
     * @param detections     the number of detections in the scan
     * @param gated          for each track, the detections in its gate (ascending)
     * @param logWeights     for each track, ln wᵢⱼ for each of its gated detections
     * @param logMissWeights for each track, ln wᵢ₀
     */
    public AssociationProblem(int detections, int[][] gated, double[][] logWeights, double[] logMissWeights) {
        if (gated.length != logWeights.length || gated.length != logMissWeights.length) {
            throw new IllegalArgumentException("gated, logWeights and logMissWeights must have one entry per track");
        }
        for (int i = 0; i < gated.length; i++) {
            if (gated[i].length != logWeights[i].length) {
                throw new IllegalArgumentException("track " + i + " has " + gated[i].length + " gated detections but "
                        + logWeights[i].length + " weights");
            }
            for (int k = 0; k < gated[i].length; k++) {
                if (gated[i][k] < 0 || gated[i][k] >= detections || (k > 0 && gated[i][k] <= gated[i][k - 1])) {
                    throw new IllegalArgumentException("track " + i + ": gated detections must be ascending indices below "
                            + detections + ", got " + Arrays.toString(gated[i]));
                }
            }
        }
        this.detections = detections;
        this.gated = gated;
        this.logWeights = logWeights;
        this.logMissWeights = logMissWeights;
    }

    public int tracks() {
        return gated.length;
    }

    public int detections() {
        return detections;
    }

    /** The detections in track i's gate, ascending (do not modify). */
    public int[] gated(int i) {
        return gated[i];
    }

    /** ln wᵢⱼ for the k-th detection in track i's gate. */
    public double logWeight(int i, int k) {
        return logWeights[i][k];
    }

    /** ln wᵢ₀. */
    public double logMissWeight(int i) {
        return logMissWeights[i];
    }
}
