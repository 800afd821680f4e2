package io.bayesfuse.schemas.serde;

import java.util.Map;

/**
 * A map from strings to longs (an Avro {@code map<long>}) that keeps its keys' UTF-8 bytes, so the
 * serializer writes them as they are instead of encoding every key on every write (a fused
 * posterior lists up to a hundred source ids, written with each update). Index i is the i-th
 * entry of {@link #entrySet()}'s iteration order, so the bytes are those Avro's writer makes.
 */
public interface Utf8KeyedLongs extends Map<String, Long> {

    /** The i-th key's UTF-8 bytes (not to be changed). */
    byte[] utf8Key(int i);

    /** The i-th value. */
    long valueAt(int i);

    /**
     * Every entry as Avro's binary encoding of a {@code map<long>} writes it (each key as an Avro
     * string: zig-zag length and UTF-8 bytes; each value as an Avro long), concatenated in order;
     * or null when the map does not keep them.
     *
     * @return the bytes (shared: not to be changed), or null
     */
    default byte[] avroEntries() {
        return null;
    }
}
