package io.bayesfuse.kernels.fusion.state;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link VersionedFusion} knows of its sources without reading its table: the numbers of
 * contributing and known sources, the order-independent digest of the contributing (source,
 * version) pairs ({@link SourceSetDigest}), their listing while there are at most
 * {@code listedUpTo} of them, and the quarantined sources. Kept in step with every record written.
 * The listings are replaced, never changed in place, so a header or a result can share them.
 */
final class SourceLedger {

    private final int listedUpTo;
    private int contributing;
    private int known;
    private long digest;
    /** The contributing sources while at most {@code listedUpTo}, else null. */
    private SortedSourceVersions listed;
    private SortedSourceVersions quarantined;

    /** A ledger of no sources. */
    SourceLedger(int listedUpTo) {
        this(listedUpTo, 0, 0, 0L, SortedSourceVersions.empty(), SortedSourceVersions.empty());
    }

    private SourceLedger(int listedUpTo, int contributing, int known, long digest, SortedMap<String, Long> listed,
                         SortedMap<String, Long> quarantined) {
        if (listedUpTo < 0) {
            throw new IllegalArgumentException("listedUpTo is " + listedUpTo + ", must be at least 0");
        }
        this.listedUpTo = listedUpTo;
        this.contributing = contributing;
        this.known = known;
        this.digest = digest;
        this.listed = listed == null ? null : SortedSourceVersions.copyOf(listed);
        this.quarantined = SortedSourceVersions.copyOf(quarantined);
    }

    /** The ledger a header recorded, its listing dropped or made again from {@code table} to fit {@code listedUpTo}. */
    static SourceLedger restore(FusionHeader header, SourceTable table, int listedUpTo) {
        SourceLedger ledger = new SourceLedger(listedUpTo, header.contributing(), header.known(), header.digest(),
                header.listed(), header.quarantined());
        ledger.fitListing(table);
        return ledger;
    }

    /** Accounts for {@code after} replacing {@code before} (null for a source new to the table), before the table is written. */
    void replace(SourceRecord before, SourceRecord after) {
        String id = after.sourceId();
        if (before == null) {
            known++;
        }
        if (before != null && before.counted()) {
            contributing--;
            digest = SourceSetDigest.remove(digest, id, before.version());
            if (listed != null && !after.counted()) {
                listed = listed.without(id);
            }
        }
        if (before != null && before.quarantined()) {
            quarantined = quarantined.without(id);
        }
        if (after.quarantined()) {
            quarantined = quarantined.with(id, after.version());
        }
        if (after.counted()) {
            contributing++;
            digest = SourceSetDigest.add(digest, id, after.version());
            if (listed != null) {
                listed = listed.with(id, after.version()); // replaces the version of a source that contributed
            }
        }
    }

    /** A retracted source was removed from the table. */
    void forgotten() {
        known--;
    }

    /**
     * Drops the listing above the limit, or lists the contributing sources again from {@code table}
     * (after it was written) once their number is back within it.
     */
    void fitListing(SourceTable table) {
        if (listed != null && listed.size() > listedUpTo) {
            listed = null;
        } else if (listed == null && contributing <= listedUpTo) {
            listed = SortedSourceVersions.copyOf(counted(table));
        }
    }

    /** The counted sources of {@code table} and their versions, read from it (O(K)). */
    static TreeMap<String, Long> counted(SourceTable table) {
        TreeMap<String, Long> all = new TreeMap<>(SourceTable.ORDER);
        table.forEach(r -> {
            if (r.counted()) {
                all.put(r.sourceId(), r.version());
            }
        });
        return all;
    }

    int listedUpTo() {
        return listedUpTo;
    }

    int contributing() {
        return contributing;
    }

    int known() {
        return known;
    }

    long digest() {
        return digest;
    }

    /** The contributing sources while within the limit, else null (read-only). */
    SortedSourceVersions listed() {
        return listed;
    }

    /** The quarantined sources (read-only). */
    SortedSourceVersions quarantined() {
        return quarantined;
    }
}
