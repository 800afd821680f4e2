package io.bayesfuse.kernels.fusion.trust;

/** What a fusion does with a source whose posterior fails its consistency test. */
public enum TrustAction {
    /** Only report the test. */
    NONE,
    /**
     * Scale a failing update's information by threshold/χ²: it still counts, but less (tested again
     * against the same others its statistic would lie between the threshold and the old χ²).
     */
    DOWN_WEIGHT,
    /** Exclude the source until it has been consistent for {@code readmitAfter} updates in a row. */
    QUARANTINE
}
