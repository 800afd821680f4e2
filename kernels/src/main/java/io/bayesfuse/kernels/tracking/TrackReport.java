package io.bayesfuse.kernels.tracking;

/**
 * One output line of a scan: a track's state after it (FORMAT.md: one line per track alive after
 * the scan, and one DELETED line per track the scan ended).
 *
 * @param trackId {@code <region>/<number>}
 * @param number  the track's number in its region
 * @param status  TENTATIVE, CONFIRMED or DELETED
 * @param x       the mean at the scan time (for DELETED, the track's last state)
 * @param P       the covariance, as rows
 * @param detail  why a track was deleted, or null
 */
public record TrackReport(String trackId, long number, TrackStatus status, double[] x, double[][] P, String detail) {
}
