package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.state.FusionHeader;

import java.util.Objects;

/**
 * What the quantity store holds per fusion key: the kernels' {@link FusionHeader} (the rule's
 * aggregates, counts, digest, short source list), the fingerprint of the settings that built it,
 * and the time to live its sources' expiry entries were written with. The sources themselves are
 * one entry each in the source store.
 *
 * <p>A value written by the previous release (every source inside one value) reads as a
 * {@link #legacy()} quantity, converted to this layout when the stage next touches it.
 *
 * @param fingerprint      the settings that built the state ({@link SelectedFusion#fingerprint()})
 * @param indexedTtlMillis the time to live of the sources' expiry entries, null when none were written
 * @param header           the kernels' header (null for a legacy value)
 * @param legacy           the previous release's whole-quantity value, or null
 * @param chunk            for a chunk of a chunked quantity, where it lies; else null
 */
public record StoredQuantity(String fingerprint, Long indexedTtlMillis, FusionHeader header, FusedQuantity legacy,
                             ChunkGeometry chunk) {

    /**
     * Where a chunk of a chunked quantity lies: its index, the quantity's chunk count, the offset of
     * its first value and the length of the whole flattened vector. Every source's chunk of this
     * index must lie there.
     */
    public record ChunkGeometry(int index, int count, long offset, long length) {
    }

    public StoredQuantity {
        if ((header == null) == (legacy == null)) {
            throw new IllegalArgumentException("a stored quantity has either a header or a legacy value");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public static StoredQuantity of(String fingerprint, Long indexedTtlMillis, FusionHeader header) {
        return of(fingerprint, indexedTtlMillis, header, null);
    }

    public static StoredQuantity of(String fingerprint, Long indexedTtlMillis, FusionHeader header, ChunkGeometry chunk) {
        return new StoredQuantity(fingerprint, indexedTtlMillis, Objects.requireNonNull(header, "header"), null, chunk);
    }

    public static StoredQuantity legacy(FusedQuantity legacy) {
        return new StoredQuantity(legacy.fingerprint(), null, null, legacy, null);
    }

    public boolean isLegacy() {
        return legacy != null;
    }
}
