package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import io.bayesfuse.kernels.codec.EntityStateCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The state-store serde of a {@link TrackedEntity}: a small versioned header (entity class,
 * filter type) followed by the kernels' compact binary {@link EntityStateCodec} — not Avro and
 * not JSON: the value never leaves the application's store and changelog. A null value (a
 * deleted entity) stays null.
 * <pre>
 * byte   'E'          magic
 * byte   1            header version
 * short  n, n bytes   entity class, UTF-8 (n = -1: the default filter)
 * short  n, n bytes   filter type, UTF-8
 * ...                 EntityStateCodec bytes
 * </pre>
 * Big-endian, written with the kernels' {@link BinaryWriter}.
 */
public final class TrackedEntitySerde implements Serde<TrackedEntity> {

    static final byte MAGIC = 'E';
    static final byte VERSION = 1;

    @Override
    public Serializer<TrackedEntity> serializer() {
        return (topic, entity) -> entity == null ? null : encode(entity);
    }

    @Override
    public Deserializer<TrackedEntity> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(TrackedEntity entity) {
        BinaryWriter out = new BinaryWriter(288, ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION);
        writeString(out, entity.entityClass());
        writeString(out, entity.filterType());
        return EntityStateCodec.write(out, entity.state()).toByteArray();
    }

    static TrackedEntity decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length, "tracked-entity state", ByteOrder.BIG_ENDIAN);
        String entityClass;
        String filterType;
        try {
            byte magic = (byte) in.readByte();
            byte version = (byte) in.readByte();
            if (magic != MAGIC || version != VERSION) {
                throw new SerializationException("not a tracked-entity state (magic " + magic + ", version " + version
                        + "; this version reads magic " + MAGIC + " version " + VERSION + ")");
            }
            entityClass = readString(in);
            filterType = readString(in);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("truncated tracked-entity state (" + bytes.length + " bytes)", e);
        }
        return new TrackedEntity(entityClass, filterType, EntityStateCodec.decode(bytes, in.position(), in.remaining()));
    }

    /** A 16-bit length (-1 for null), then UTF-8. */
    private static void writeString(BinaryWriter out, String value) {
        if (value == null) {
            out.writeShort(-1);
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeShort(utf8.length).writeRaw(utf8);
        }
    }

    private static String readString(BinaryReader in) {
        short n = in.readShort();
        return n < 0 ? null : new String(in.readRaw(n), StandardCharsets.UTF_8);
    }
}
