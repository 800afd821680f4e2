package io.bayesfuse.kernels.entity;

import java.util.Arrays;

/**
 * The outcome of one measurement for its entity: the status, the entity's new state (to store)
 * and its newest estimate (x, P) with the NIS of the measurement.
 *
 * @param status what happened
 * @param state  the entity's state after the measurement (unchanged for {@link EntityStatus#TOO_LATE})
 * @param x      the newest estimate's mean
 * @param P      the newest estimate's covariance
 * @param nis    the measurement's normalised innovation squared (NaN when not computed)
 * @param logLikelihood log N(y; 0, S) of the measurement under its prediction (NaN when not computed)
 * @param detail why, for {@link EntityStatus#RESET} and {@link EntityStatus#TOO_LATE}; otherwise null
 */
public record TrackingResult(EntityStatus status, EntityState state, double[] x, double[][] P, double nis,
                             double logLikelihood, String detail) {

    @Override
    public String toString() {
        return status + " x=" + Arrays.toString(x) + " nis=" + nis + (detail == null ? "" : " (" + detail + ")");
    }
}
