package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.codec.EntityStateCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
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
        byte[] cls = entity.entityClass() == null ? null : entity.entityClass().getBytes(StandardCharsets.UTF_8);
        byte[] type = entity.filterType().getBytes(StandardCharsets.UTF_8);
        byte[] state = EntityStateCodec.encode(entity.state());
        ByteBuffer out = ByteBuffer.allocate(2 + 2 + (cls == null ? 0 : cls.length) + 2 + type.length + state.length);
        out.put(MAGIC).put(VERSION);
        putString(out, cls);
        putString(out, type);
        out.put(state);
        return out.array();
    }

    static TrackedEntity decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte magic = in.get();
            byte version = in.get();
            if (magic != MAGIC || version != VERSION) {
                throw new SerializationException("not a tracked-entity state (magic " + magic + ", version " + version
                        + "; this version reads magic " + MAGIC + " version " + VERSION + ")");
            }
            String entityClass = getString(in);
            String filterType = getString(in);
            return new TrackedEntity(entityClass, filterType,
                    EntityStateCodec.decode(bytes, in.position(), bytes.length - in.position()));
        } catch (java.nio.BufferUnderflowException e) {
            throw new SerializationException("truncated tracked-entity state (" + bytes.length + " bytes)", e);
        }
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        if (utf8 == null) {
            out.putShort((short) -1);
        } else {
            out.putShort((short) utf8.length).put(utf8);
        }
    }

    private static String getString(ByteBuffer in) {
        short n = in.getShort();
        if (n < 0) {
            return null;
        }
        byte[] utf8 = new byte[n];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
