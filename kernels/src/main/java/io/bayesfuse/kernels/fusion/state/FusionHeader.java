package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.RuleState;

import java.util.SortedMap;

/**
 * The per-quantity part of a fusion, next to its per-source {@link SourceRecord}s: the rule's
 * aggregates and what is known of the source set without reading it. Its size does not grow with
 * the number of sources beyond the listing limit.
 *
 * @param rule         the rule's aggregates
 * @param contributing the number of contributing sources
 * @param known        the number of source records (contributing and retracted)
 * @param digest       an order-independent digest of the contributing (source, version) pairs
 *                     ({@link SourceSetDigest})
 * @param listed       the contributing sources and their versions, sorted in {@link SourceTable#ORDER},
 *                     while there are at most the fusion's listing limit of them; null above it
 * @param quarantined  the quarantined sources (known, not contributing) and their versions, sorted;
 *                     empty without trust
 */
public record FusionHeader(RuleState rule, int contributing, int known, long digest, SortedMap<String, Long> listed,
                           SortedMap<String, Long> quarantined) {

    /** A header without quarantined sources. */
    public FusionHeader(RuleState rule, int contributing, int known, long digest, SortedMap<String, Long> listed) {
        this(rule, contributing, known, digest, listed, null);
    }

    public FusionHeader {
        if (contributing < 0 || known < contributing) {
            throw new IllegalArgumentException("fusion header: " + contributing + " contributing of " + known + " known sources");
        }
        if (listed != null) {
            listed = SortedSourceVersions.copyOf(listed); // read-only; a decoded listing is taken as it is
        }
        quarantined = quarantined == null ? SortedSourceVersions.empty() : SortedSourceVersions.copyOf(quarantined);
        if (contributing + quarantined.size() > known) {
            throw new IllegalArgumentException("fusion header: " + contributing + " contributing and " + quarantined.size()
                    + " quarantined of " + known + " known sources");
        }
    }
}
