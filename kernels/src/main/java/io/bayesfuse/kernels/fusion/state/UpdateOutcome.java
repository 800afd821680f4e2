package io.bayesfuse.kernels.fusion.state;

import java.util.OptionalLong;

/**
 * The outcome of one update or retraction offered to a {@link VersionedFusion}.
 *
 * @param sourceId       the source the update came from
 * @param version        the update's version
 * @param verdict        what version semantics decided
 * @param newestVersion  the source's newest version before this update (empty for a new source)
 */
public record UpdateOutcome(String sourceId, long version, VersionVerdict verdict, OptionalLong newestVersion) {

    /** True when the update changed the fused result. */
    public boolean accepted() {
        return verdict.accepted();
    }

    /** A sentence for a log or a status line, e.g. {@code source 'a' version 3 ignored: OLDER_VERSION (newest is 5)}. */
    public String describe() {
        String base = "source '" + sourceId + "' version " + version + (accepted() ? " accepted: " : " ignored: ") + verdict;
        return newestVersion.isPresent() ? base + " (newest was " + newestVersion.getAsLong() + ")" : base;
    }
}
