package io.bayesfuse.kernels.fusion.state;

/**
 * How an update's version compares with what is known of its source. Only the newest version of a
 * source counts: a newer one replaces the earlier contribution, an older or equal one is ignored
 * (and reported as such, never dropped silently).
 */
public enum VersionVerdict {
    /** The source is not contributing yet: the update adds it. */
    NEW_SOURCE(true),
    /** The version is newer than the source's current one: the update replaces its contribution. */
    NEWER_VERSION(true),
    /** The version is older than the source's newest one (or than its retraction): ignored. */
    OLDER_VERSION(false),
    /** The version equals the source's newest one: ignored (a redelivery). */
    SAME_VERSION(false),
    /** A retraction of a source that never contributed: ignored. */
    UNKNOWN_SOURCE(false);

    private final boolean accepted;

    VersionVerdict(boolean accepted) {
        this.accepted = accepted;
    }

    /** True when the update changes the fused result. */
    public boolean accepted() {
        return accepted;
    }

    /**
     * The verdict on {@code version} of a source whose record is {@code before} (null when nothing is
     * known of it): newer than everything seen is accepted — as {@code whenUnknown} for a source
     * that does not contribute (NEW_SOURCE for an update, UNKNOWN_SOURCE for a retraction).
     */
    static VersionVerdict of(SourceRecord before, long version, VersionVerdict whenUnknown) {
        if (before == null) {
            return whenUnknown;
        }
        VersionVerdict whenNewer = before.contributing() ? NEWER_VERSION : whenUnknown;
        if (version > before.version()) {
            return whenNewer;
        }
        return version == before.version() ? SAME_VERSION : OLDER_VERSION;
    }
}
