package io.bayesfuse.topology.fusion;

import io.bayesfuse.topology.store.DecodedValues;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * One task's fusion state in its three stores ({@link FusionKeys}): per fusion key a
 * {@link StoredQuantity} (header), per (fusion key, source) a source record, and the expiry index.
 * Loading a quantity reads its header only; its sources are read one by one as an update needs
 * them. Nothing is written until {@link #save}. The quantities saved last are kept decoded
 * ({@link DecodedValues}; taken out while being changed), so a quantity updated again is not read and decoded again.
 */
final class FusionStores {

    private final KeyValueStore<String, StoredQuantity> quantities;
    private final KeyValueStore<String, byte[]> sources;
    private final ExpiryIndex expiry;
    /**
     * How many doubles of whole-posterior quantities a task keeps decoded: 2 Mi (16 MB), enough for
     * thousands of d = 16 quantities or a K = 64 dc-fusion tree of 4,000 draws.
     */
    static final long POSTERIOR_DECODED_DOUBLES = 1L << 21;

    /** The quantities saved last, decoded. */
    private final DecodedValues<Loaded> decoded;

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

    /**
     * @param decodedDoubles how many doubles of the quantities saved last to keep decoded (0: none)
     */
    FusionStores(KeyValueStore<String, StoredQuantity> quantities, KeyValueStore<String, byte[]> sources,
                 KeyValueStore<String, byte[]> expiry, long decodedDoubles) {
        this.decoded = new DecodedValues<>(decodedDoubles);
        this.quantities = quantities;
        this.sources = sources;
        this.expiry = new ExpiryIndex(expiry);
    }

    /**
     * The quantity under {@code settings}: new, continued, rebuilt after a change of settings, or
     * converted from the previous release's format; its expiry entries follow the settings' time to live.
     */
    Loaded load(String fusionKey, SelectedFusion settings) {
        Loaded kept = decoded.take(fusionKey);
        if (kept != null && kept.quantity().settings().equals(settings)) {
            return kept;
        }
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
            decoded.remove(loaded.fusionKey());
        } else {
            StoredQuantity snapshot = loaded.quantity().snapshot(loaded.table().ttlMillis(), loaded.chunk());
            quantities.put(loaded.fusionKey(), snapshot);
            decoded.put(loaded.fusionKey(), new Loaded(loaded.fusionKey(), loaded.quantity().settled(), loaded.table(),
                    loaded.chunk()), weightOf(snapshot) + loaded.quantity().cachedDoubles());
        }
    }

    /** The size of a stored quantity in doubles (its aggregates, a few per listed source). */
    private static long weightOf(StoredQuantity stored) {
        long weight = 64;
        for (double[] a : stored.header().rule().aggregates()) {
            weight += a.length;
        }
        return stored.header().listed() == null ? weight : weight + 8L * stored.header().listed().size();
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
