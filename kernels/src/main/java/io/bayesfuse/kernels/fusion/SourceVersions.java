package io.bayesfuse.kernels.fusion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Version semantics, shared by the offline {@code fuse} command and the streaming processor: for
 * every source only its newest version counts. Keeps the newest accepted version of each
 * contributing source (in order of first arrival) and a tombstone version for each retracted one,
 * so that a late, older update cannot bring a retracted source back.
 *
 * <p>{@link #judge} and {@link #judgeRetraction} only look; the caller records with
 * {@link #accept} / {@link #retract} after the update was actually applied, so an update that
 * fails validation leaves the versions untouched.
 */
public final class SourceVersions {

    private final LinkedHashMap<String, Long> current = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> retracted = new LinkedHashMap<>();

    /** What an update with {@code version} from {@code sourceId} would do. */
    public VersionVerdict judge(String sourceId, long version) {
        Long newest = current.get(sourceId);
        if (newest != null) {
            return compare(version, newest, VersionVerdict.NEWER_VERSION);
        }
        Long tombstone = retracted.get(sourceId);
        return tombstone == null ? VersionVerdict.NEW_SOURCE : compare(version, tombstone, VersionVerdict.NEW_SOURCE);
    }

    /** What a retraction with {@code version} of {@code sourceId} would do. */
    public VersionVerdict judgeRetraction(String sourceId, long version) {
        Long newest = current.get(sourceId);
        if (newest != null) {
            return compare(version, newest, VersionVerdict.NEWER_VERSION);
        }
        Long tombstone = retracted.get(sourceId);
        return tombstone == null ? VersionVerdict.UNKNOWN_SOURCE : compare(version, tombstone, VersionVerdict.UNKNOWN_SOURCE);
    }

    private static VersionVerdict compare(long version, long newest, VersionVerdict whenNewer) {
        if (version > newest) {
            return whenNewer;
        }
        return version == newest ? VersionVerdict.SAME_VERSION : VersionVerdict.OLDER_VERSION;
    }

    /** The newest version known for the source (contributing or retracted). */
    public OptionalLong newest(String sourceId) {
        Long v = current.containsKey(sourceId) ? current.get(sourceId) : retracted.get(sourceId);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** Records an applied update; a source that was retracted contributes again (at the end of the order). */
    public void accept(String sourceId, long version) {
        retracted.remove(sourceId);
        current.put(sourceId, version);
    }

    /** Records an applied retraction. */
    public void retract(String sourceId, long version) {
        current.remove(sourceId);
        retracted.put(sourceId, version);
    }

    /** Forgets a retracted source's retraction; a contributing source is not affected. */
    public void forget(String sourceId) {
        retracted.remove(sourceId);
    }

    /** The contributing sources and their newest versions, in order of first arrival. */
    public Map<String, Long> contributing() {
        return Collections.unmodifiableMap(current);
    }

    /** The retracted sources and the versions of their retractions. */
    public Map<String, Long> retractedSources() {
        return Collections.unmodifiableMap(retracted);
    }
}
