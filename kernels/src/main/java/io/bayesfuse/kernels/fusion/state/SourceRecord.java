package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.trust.SourceTrust;

import java.util.List;
import java.util.Objects;

/**
 * What is kept of one source of a quantity: its newest version, whether it contributes (or was
 * retracted at that version, so that a stale update cannot bring it back), when it was last heard
 * of, and the arrays its rule keeps for it ({@link io.bayesfuse.kernels.fusion.FusionRule#admit};
 * none for a retracted source). One record per (quantity, source): the unit an update reads and writes.
 *
 * @param sourceId      the source
 * @param version       its newest version (of an update, or of its retraction)
 * @param contributing  true while its posterior counts
 * @param posteriorTime the time its posterior refers to (the update's timestamp), null when it sent
 *                      none; tracks are predicted from it
 * @param heardAt       the event time of its last accepted update or retraction; a time to live
 *                      counts from it
 * @param arrays        the rule's arrays for a contributing source, empty otherwise (kept while the
 *                      source is quarantined, so that it can be fused again when trust is turned off)
 * @param trust         the source's trust when the quantity has trust settings, else null
 */
public record SourceRecord(String sourceId, long version, boolean contributing, Long posteriorTime, long heardAt,
                           List<double[]> arrays, SourceTrust trust) {

    /** A record without trust. */
    public SourceRecord(String sourceId, long version, boolean contributing, Long posteriorTime, long heardAt,
                        List<double[]> arrays) {
        this(sourceId, version, contributing, posteriorTime, heardAt, arrays, null);
    }

    public SourceRecord {
        Objects.requireNonNull(sourceId, "sourceId");
        arrays = contributing ? List.copyOf(arrays) : List.of();
        if (!contributing) {
            posteriorTime = null;
        }
    }

    public static SourceRecord contributing(String sourceId, long version, Long posteriorTime, long heardAt,
                                            List<double[]> arrays) {
        return new SourceRecord(sourceId, version, true, posteriorTime, heardAt, arrays);
    }

    public static SourceRecord retracted(String sourceId, long version, long heardAt) {
        return new SourceRecord(sourceId, version, false, null, heardAt, List.of());
    }

    /** The same record with the source's trust. */
    public SourceRecord withTrust(SourceTrust trust) {
        return new SourceRecord(sourceId, version, contributing, posteriorTime, heardAt, arrays, trust);
    }

    /** True while the source is quarantined (its arrays kept, but not counted). */
    public boolean quarantined() {
        return contributing && trust != null && trust.quarantined();
    }

    /** True when the source's arrays count in the fused result: it contributes and is not quarantined. */
    public boolean counted() {
        return contributing && !quarantined();
    }

    /** The time the source's posterior is taken at: its own timestamp, else when it was heard. */
    public long effectivePosteriorTime() {
        return posteriorTime != null ? posteriorTime : heardAt;
    }
}
