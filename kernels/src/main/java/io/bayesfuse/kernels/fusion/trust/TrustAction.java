package io.bayesfuse.kernels.fusion.trust;

/** What a fusion does with a source whose posterior fails its consistency test. */
public enum TrustAction {
    /** Only report the test. */
    NONE,
    /** Scale the source's information down until its statistic sits on the gate. */
    DOWN_WEIGHT,
    /** Exclude the source until it has been consistent for {@code readmitAfter} updates in a row. */
    QUARANTINE
}
