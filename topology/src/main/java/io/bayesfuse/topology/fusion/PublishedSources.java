package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.state.SortedSourceVersions;
import io.bayesfuse.schemas.serde.Utf8KeyedLongs;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * A source listing (source id → version, in the fusion's order) as a fused posterior record holds
 * it: the fusion's own read-only listing, not a copy, with its ids' UTF-8 bytes and its entries' Avro
 * bytes for the serializer.
 */
final class PublishedSources extends AbstractMap<String, Long> implements Utf8KeyedLongs {

    private final SortedSourceVersions listing;

    private PublishedSources(SortedSourceVersions listing) {
        this.listing = listing;
    }

    /** {@code sources} for an output record: null stays null; a listing other than the fusion's own is used as it is. */
    static Map<String, Long> of(SortedMap<String, Long> sources) {
        return sources instanceof SortedSourceVersions listing ? new PublishedSources(listing) : sources;
    }

    @Override
    public byte[] utf8Key(int i) {
        return listing.utf8Id(i);
    }

    @Override
    public long valueAt(int i) {
        return listing.version(i);
    }

    @Override
    public byte[] avroEntries() {
        return listing.encodedEntries(SortedSourceVersions.IdLength.ZIG_ZAG_VARINT);
    }

    @Override
    public Long get(Object key) {
        return listing.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return listing.containsKey(key);
    }

    @Override
    public int size() {
        return listing.size();
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return listing.entrySet();
    }
}
