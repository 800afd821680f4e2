package io.bayesfuse.kernels.tracking;

/** Where a track is in its life (FORMAT.md "Multi-target tracking scenarios"). */
public enum TrackStatus {
    /** Started from a detection; not yet seen often enough to be believed (M-of-N). */
    TENTATIVE,
    /** Seen M times in its first N scans; a track a user should see. */
    CONFIRMED,
    /**
     * Ended by this scan: a confirmed track missed too often or grown too uncertain, a tentative
     * one that can no longer be confirmed, or one whose filter diverged. Reported once.
     */
    DELETED
}
