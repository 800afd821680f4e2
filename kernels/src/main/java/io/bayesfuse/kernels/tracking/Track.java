package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.filter.FilterState;

import java.util.Objects;

/**
 * One track of a region, as stored between scans: its number (its id is {@code <region>/<number>}),
 * its status, its filter state at the region's time, and the counts its life depends on.
 *
 * @param number the track's number within its region, from 1, never reused by the region
 * @param status TENTATIVE or CONFIRMED (deleted tracks are not stored)
 * @param state  the filter state at the region's newest scan time
 * @param scans  the scans it has lived through, its birth scan included
 * @param hits   the scans in which it was detected, its birth scan included
 * @param misses the scans in a row, up to the newest, in which it was not detected
 */
public record Track(long number, TrackStatus status, FilterState state, int scans, int hits, int misses) {

    public Track {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(state, "state");
        if (status == TrackStatus.DELETED) {
            throw new IllegalArgumentException("a deleted track is not stored");
        }
    }

    /** The track's id: {@code <region>/<number>}. */
    public static String id(String region, long number) {
        return region + "/" + number;
    }
}
