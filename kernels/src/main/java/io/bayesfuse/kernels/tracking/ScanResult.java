package io.bayesfuse.kernels.tracking;

import java.util.List;

/**
 * What one scan did to its region.
 *
 * @param status  APPLIED (in order), REVISED (a late scan, the region re-run) or TOO_LATE (refused, state unchanged)
 * @param state   the region's new stored state
 * @param time    the time the reports refer to (the region's newest scan time)
 * @param reports the tracks after the scan, by number: every live track, and DELETED lines for those it ended
 * @param detail  for TOO_LATE, why; otherwise null
 */
public record ScanResult(Status status, RegionState state, long time, List<TrackReport> reports, String detail) {

    public ScanResult {
        reports = List.copyOf(reports);
    }

    public enum Status {
        APPLIED, REVISED, TOO_LATE
    }
}
