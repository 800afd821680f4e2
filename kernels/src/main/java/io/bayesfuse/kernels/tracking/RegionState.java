package io.bayesfuse.kernels.tracking;

import java.util.List;

/**
 * A region's stored state: its tracks now and, when late scans are accepted, the scans of the
 * history window with the snapshot they start from, so that a late scan can be inserted and the
 * region re-run from there.
 *
 * @param current     the region after its newest scan
 * @param base        the region before the oldest retained scan (null without a history)
 * @param baseIsStart whether the base is the region's empty start (a late scan older than it moves it earlier)
 * @param history     the retained scans in time order (empty without a history)
 */
public record RegionState(RegionSnapshot current, RegionSnapshot base, boolean baseIsStart, List<Scan> history) {

    public RegionState {
        history = List.copyOf(history);
    }

    /** The newest scan time. */
    public long time() {
        return current.time();
    }
}
