package io.bayesfuse.kernels.fusion.trust;

/**
 * The outcome of one source's update under trust.
 *
 * @param statistic  the leave-one-out χ² statistic of the update (NaN when there was nothing to test against)
 * @param threshold  the gate it was compared with
 * @param consistent whether it passed
 * @param state      the source's state after the update
 * @param trust      what is remembered of the source's trust after the update
 */
public record TrustVerdict(double statistic, double threshold, boolean consistent, State state, SourceTrust trust) {

    /** A source's trust state. */
    public enum State {
        TRUSTED, QUARANTINED, READMITTED, NEWLY_QUARANTINED
    }

    /** True when the source does not contribute to the fused posterior after the update. */
    public boolean excluded() {
        return state == State.QUARANTINED || state == State.NEWLY_QUARANTINED;
    }

    /**
     * The source's trust score after the update: the exponentially weighted fraction of consistent
     * updates (1 for a new source).
     */
    public double score() {
        return trust.score();
    }
}
