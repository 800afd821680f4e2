package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The value format of the internal topic that carries tombstones to their quantity's partition:
 * <pre>
 * byte 'T', format version (1)
 * int n, n bytes   source id, UTF-8
 * byte 1 when the origin follows: int n, n bytes topic; int partition; long offset
 * </pre>
 * Internal to one application (never read by anything else), so plain binary rather than Avro:
 * big-endian, written with the kernels' {@link BinaryWriter}.
 */
public final class TombstoneSerde implements Serde<PosteriorInput.Tombstone> {

    static final byte MAGIC = 'T';
    static final byte VERSION = 1;

    @Override
    public Serializer<PosteriorInput.Tombstone> serializer() {
        return (topic, tombstone) -> tombstone == null ? null : encode(tombstone);
    }

    @Override
    public Deserializer<PosteriorInput.Tombstone> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(PosteriorInput.Tombstone tombstone) {
        BinaryWriter out = new BinaryWriter(64, ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION);
        writeString(out, tombstone.sourceId());
        Lineage origin = tombstone.origin();
        if (origin == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            writeString(out, origin.getTopic());
            out.writeInt(origin.getPartition()).writeLong(origin.getOffset());
        }
        return out.toByteArray();
    }

    static PosteriorInput.Tombstone decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length, "posterior tombstone", ByteOrder.BIG_ENDIAN);
        try {
            if ((byte) in.readByte() != MAGIC || (byte) in.readByte() != VERSION) {
                throw new SerializationException("not a posterior tombstone of format " + VERSION);
            }
            String source = readString(in);
            Lineage origin = in.readByte() == 0 ? null : new Lineage(readString(in), in.readInt(), in.readLong());
            return new PosteriorInput.Tombstone(source, origin);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("truncated posterior tombstone (" + bytes.length + " bytes)", e);
        }
    }

    /** A 32-bit length, then UTF-8. */
    static void writeString(BinaryWriter out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length).writeRaw(utf8);
    }

    static String readString(BinaryReader in) {
        return new String(in.readRaw(in.readInt()), StandardCharsets.UTF_8);
    }
}
