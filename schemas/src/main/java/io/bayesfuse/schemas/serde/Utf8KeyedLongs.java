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
}
