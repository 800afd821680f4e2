package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.smoothing.SmoothedEstimate;

import java.util.Arrays;

/**
 * The outcome of one measurement for its entity: the status, the entity's new state (to store)
 * and its newest estimate (x, P) with the NIS of the measurement.
 *
 * @param status               what happened
 * @param state                the entity's state after the measurement (unchanged for {@link EntityStatus#TOO_LATE})
 * @param x                    the newest estimate's mean
 * @param P                    the newest estimate's covariance
 * @param nis                  the measurement's normalised innovation squared (NaN when not computed); for an
 *                             adaptive sensor under its noise estimate before this measurement
 * @param logLikelihood        log N(y; 0, S) of the measurement under its prediction (NaN when not computed)
 * @param detail               why, for {@link EntityStatus#RESET} and {@link EntityStatus#TOO_LATE}; otherwise null
 * @param normalisedInnovation the measurement's whitened innovation L⁻¹y (S = L·Lᵀ), N(0, I) while the
 *                             filter is consistent: the input of a changepoint detector on the sensor.
 *                             Null when not computed (non-Gaussian filters, diverged, too late); for a
 *                             {@link EntityStatus#REVISED} result the late measurement's own
 * @param smoothed             the fixed-lag smoothed estimate L measurements back, or null (no smoothing, or
 *                             fewer than L + 1 measurements since the entity started or was reset)
 */
public record TrackingResult(EntityStatus status, EntityState state, double[] x, double[][] P, double nis,
                             double logLikelihood, String detail, double[] normalisedInnovation,
                             SmoothedEstimate smoothed) {

    /** A result without whitened innovation or smoothed estimate. */
    public TrackingResult(EntityStatus status, EntityState state, double[] x, double[][] P, double nis,
                          double logLikelihood, String detail) {
        this(status, state, x, P, nis, logLikelihood, detail, null, null);
    }

    @Override
    public String toString() {
        return status + " x=" + Arrays.toString(x) + " nis=" + nis + (detail == null ? "" : " (" + detail + ")");
    }
}
