package io.bayesfuse.topology.fusion;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * One task's fusion state in its three stores ({@link FusionKeys}): per fusion key a
 * {@link StoredQuantity} (header), per (fusion key, source) a source record, and the expiry index.
 * Loading a quantity reads its header only; its sources are read one by one as an update needs
 * them. Nothing is written until {@link #save}.
 */
final class FusionStores {

    private final KeyValueStore<String, StoredQuantity> quantities;
    private final KeyValueStore<String, byte[]> sources;
    private final ExpiryIndex expiry;

    /**
     * A quantity between its read and its write.
     *
     * @param chunk for a chunk of a chunked quantity, where it lies (as stored, or as its first chunk says); else null
     */
    record Loaded(String fusionKey, QuantityFusion quantity, StoreSourceTable table, StoredQuantity.ChunkGeometry chunk) {

        Loaded withChunk(StoredQuantity.ChunkGeometry geometry) {
            return new Loaded(fusionKey, quantity, table, geometry);
        }
    }

    FusionStores(KeyValueStore<String, StoredQuantity> quantities, KeyValueStore<String, byte[]> sources,
                 KeyValueStore<String, byte[]> expiry) {
        this.quantities = quantities;
        this.sources = sources;
        this.expiry = new ExpiryIndex(expiry);
    }

    /**
     * The quantity under {@code settings}: new, continued, rebuilt after a change of settings, or
     * converted from the previous release's format; its expiry entries follow the settings' time to live.
     */
    Loaded load(String fusionKey, SelectedFusion settings) {
        StoredQuantity stored = quantities.get(fusionKey);
        StoreSourceTable table = new StoreSourceTable(sources, expiry, fusionKey,
                stored == null ? null : stored.indexedTtlMillis());
        QuantityFusion quantity = QuantityFusion.of(settings, stored, table);
        table.reindex(settings.sourceTtlMillis());
        return new Loaded(fusionKey, quantity, table, stored == null ? null : stored.chunk());
    }

    /** Writes the quantity's changed source records, their expiry entries and its header (deleted once nothing is known). */
    void save(Loaded loaded) {
        loaded.table().flush();
        if (loaded.quantity().isForgotten()) {
            quantities.delete(loaded.fusionKey());
        } else {
            quantities.put(loaded.fusionKey(), loaded.quantity().snapshot(loaded.table().ttlMillis(), loaded.chunk()));
        }
    }

    /** The stored header of a fusion key, or null. */
    StoredQuantity stored(String fusionKey) {
        return quantities.get(fusionKey);
    }

    /** The source whose time to live runs out first, if it ran out before {@code time}; else null. */
    FusionKeys.Expiry firstDueBefore(long time) {
        return expiry.firstDueBefore(time);
    }

    /** Deletes an expiry entry that no longer describes its source (heard of since, forgotten, or another time to live). */
    void dropExpiry(FusionKeys.Expiry entry) {
        expiry.remove(entry.deadline(), entry.fusionKey(), entry.sourceId());
    }

    /** The fusion keys whose stored value is still in the previous release's format. */
    List<String> legacyKeys() {
        List<String> legacy = new ArrayList<>();
        try (KeyValueIterator<String, StoredQuantity> all = quantities.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoredQuantity> kv = all.next();
                if (kv.value.isLegacy()) {
                    legacy.add(kv.key);
                }
            }
        }
        return legacy;
    }
}
