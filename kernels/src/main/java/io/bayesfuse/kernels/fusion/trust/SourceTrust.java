package io.bayesfuse.kernels.fusion.trust;

/**
 * What is remembered of a source's trust between its updates (stored with the source's record, so
 * that it survives restarts).
 *
 * @param score            the exponentially weighted fraction of its consistent updates (1 for a new source)
 * @param consistentStreak consistent updates in a row since it was quarantined (0 while it is trusted)
 * @param quarantined      true while it is excluded from the fused posterior
 */
public record SourceTrust(double score, int consistentStreak, boolean quarantined) {

    /** A source never tested. */
    public static final SourceTrust NEW = new SourceTrust(1.0, 0, false);

    public SourceTrust {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("trust score is " + score + ", must lie in [0, 1]");
        }
        if (consistentStreak < 0) {
            throw new IllegalArgumentException("consistent streak is " + consistentStreak + ", must be at least 0");
        }
    }
}
