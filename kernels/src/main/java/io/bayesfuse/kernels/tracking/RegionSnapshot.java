package io.bayesfuse.kernels.tracking;

import java.util.List;

/**
 * Every live track of a region at one time, and the number the next new track will get.
 *
 * @param time       the time of the newest scan applied, epoch milliseconds
 * @param nextNumber the number of the next track born in the region
 * @param tracks     the live tracks, by number
 */
public record RegionSnapshot(long time, long nextNumber, List<Track> tracks) {

    public RegionSnapshot {
        tracks = List.copyOf(tracks);
    }

    /** A region with no track yet, at {@code time}. */
    public static RegionSnapshot empty(long time) {
        return new RegionSnapshot(time, 1, List.of());
    }
}
