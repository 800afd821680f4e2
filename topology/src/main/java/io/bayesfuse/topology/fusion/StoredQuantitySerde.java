package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import io.bayesfuse.kernels.codec.FusionRecordCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The quantity store's value format (also its changelog's):
 * <pre>
 * byte   'Q', format version 2
 * string the settings' fingerprint (varint length + UTF-8)
 * byte   1 when an indexed time to live follows, [zig-zag varint ttl]
 * byte   1 when a chunk's geometry follows, [varint index, varint count, varint offset, varint length]
 * ...    the kernels' fusion header ({@link FusionRecordCodec})
 * </pre>
 * Format 1, the previous release's (the whole quantity, every source inside), is still read: it
 * decodes to a {@link StoredQuantity#legacy()} value, which the stage converts.
 */
public final class StoredQuantitySerde implements Serde<StoredQuantity> {

    static final byte MAGIC = 'Q';
    static final byte VERSION = 2;

    @Override
    public Serializer<StoredQuantity> serializer() {
        return (topic, quantity) -> quantity == null ? null : encode(quantity);
    }

    @Override
    public Deserializer<StoredQuantity> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    public static byte[] encode(StoredQuantity quantity) {
        if (quantity.isLegacy()) {
            return FusedQuantitySerde.encode(quantity.legacy());
        }
        BinaryWriter out = new BinaryWriter(sizeHint(quantity));
        out.writeByte(MAGIC).writeByte(VERSION).writeString(quantity.fingerprint());
        if (quantity.indexedTtlMillis() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1).writeSignedVarint(quantity.indexedTtlMillis());
        }
        StoredQuantity.ChunkGeometry chunk = quantity.chunk();
        if (chunk == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1).writeVarint(chunk.index()).writeVarint(chunk.count()).writeVarint(chunk.offset()).writeVarint(chunk.length());
        }
        FusionRecordCodec.encodeHeader(quantity.header(), out);
        return out.toByteArray();
    }

    /** About the encoded size, so that the buffer is allocated once (a d = 16 header is some 5 KB, written per update). */
    private static int sizeHint(StoredQuantity quantity) {
        long size = 64 + 3L * quantity.fingerprint().length();
        for (double[] a : quantity.header().rule().aggregates()) {
            size += 5 + 8L * a.length;
        }
        if (quantity.header().listed() != null) {
            size += 24L * quantity.header().listed().size();
        }
        return (int) Math.min(size, 1 << 24);
    }

    public static StoredQuantity decode(byte[] bytes) {
        if (bytes.length >= 2 && bytes[0] == MAGIC && bytes[1] == FusedQuantitySerde.VERSION) {
            return StoredQuantity.legacy(FusedQuantitySerde.decode(bytes));
        }
        try {
            BinaryReader in = new BinaryReader(bytes, "stored quantity");
            int magic = in.readByte();
            int version = in.readByte();
            if (magic != MAGIC || version != VERSION) {
                throw new SerializationException("not a stored quantity (magic " + magic + ", version " + version
                        + "; this version reads magic " + MAGIC + " versions 1 and " + VERSION + ")");
            }
            String fingerprint = in.readString();
            Long ttl = in.readBoolean() ? in.readSignedVarint() : null;
            StoredQuantity.ChunkGeometry chunk = in.readBoolean() ? new StoredQuantity.ChunkGeometry(in.readCount("chunk index"),
                    in.readCount("chunk count"), in.readVarint(), in.readVarint()) : null;
            StoredQuantity quantity = StoredQuantity.of(fingerprint, ttl, FusionRecordCodec.decodeHeader(in), chunk);
            in.requireEnd();
            return quantity;
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }
}
