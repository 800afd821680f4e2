package io.bayesfuse.kernels.entity;

/** What processing one measurement did to its entity (the {@code status} of an estimate). */
public enum EntityStatus {
    /** The measurement was applied in order. */
    UPDATED,
    /** The gate refused the measurement; the state is the prediction to its time. */
    REJECTED,
    /** A late measurement was inserted into the history and the entity re-filtered; the state is its newest. */
    REVISED,
    /**
     * The state diverged (not finite, or not positive definite) or was built by another
     * configuration; the entity restarted from the prior at this measurement's time and applied it.
     */
    RESET,
    /** The measurement is older than the out-of-order history allows; the state is unchanged. */
    TOO_LATE,
    /** No measurement: the stored state predicted to a later time (prediction ticks); the state is unchanged. */
    PREDICTED
}
