package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.Lineage;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The value format of the internal topic that carries tombstones to their quantity's partition:
 * <pre>
 * byte 'T', format version (1)
 * int n, n bytes   source id, UTF-8
 * byte 1 when the origin follows: int n, n bytes topic; int partition; long offset
 * </pre>
 * Internal to one application (never read by anything else), so plain binary rather than Avro.
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
        byte[] source = tombstone.sourceId().getBytes(StandardCharsets.UTF_8);
        Lineage origin = tombstone.origin();
        byte[] topic = origin == null ? new byte[0] : origin.getTopic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(2 + 4 + source.length + 1 + (origin == null ? 0 : 4 + topic.length + 4 + 8));
        out.put(MAGIC).put(VERSION).putInt(source.length).put(source);
        if (origin == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).putInt(topic.length).put(topic).putInt(origin.getPartition()).putLong(origin.getOffset());
        }
        return out.array();
    }

    static PosteriorInput.Tombstone decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != MAGIC || in.get() != VERSION) {
                throw new SerializationException("not a posterior tombstone of format " + VERSION);
            }
            String source = string(in);
            Lineage origin = in.get() == 0 ? null : new Lineage(string(in), in.getInt(), in.getLong());
            return new PosteriorInput.Tombstone(source, origin);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new SerializationException("truncated posterior tombstone (" + bytes.length + " bytes)", e);
        }
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[in.getInt()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
