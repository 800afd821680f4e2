package io.bayesfuse.topology.tracking;

import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The truth store's values, compact and big-endian, written with the kernels' {@link BinaryWriter}:
 * <pre>
 * byte 'G', format version (1)
 * int count, then per time: long time, int targets, then per target: int n, n doubles
 * </pre>
 * The first release wrote the same body without the two leading bytes; such a value starts with
 * the zero high byte of its count (a buffer holds at most {@value TruthBuffer#CAPACITY} times), never
 * with {@code 'G'}, and is still read.
 */
public final class TruthBufferSerde implements Serde<TruthBuffer> {

    static final byte MAGIC = 'G';
    static final byte VERSION = 1;
    private static final String FORMAT = "truth buffer";

    @Override
    public Serializer<TruthBuffer> serializer() {
        return (topic, buffer) -> buffer == null ? null : encode(buffer);
    }

    @Override
    public Deserializer<TruthBuffer> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(TruthBuffer buffer) {
        BinaryWriter out = new BinaryWriter(256, ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION);
        out.writeInt(buffer.byTime().size());
        for (Map.Entry<Long, List<double[]>> e : buffer.byTime().entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().size());
            for (double[] state : e.getValue()) {
                out.writeInt(state.length).writeDoubleValues(state);
            }
        }
        return out.toByteArray();
    }

    /**
     * @throws SerializationException naming the truth buffer when the bytes are truncated, carry an
     *                                unknown format version or have bytes left over
     */
    static TruthBuffer decode(byte[] bytes) {
        try {
            return read(bytes);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

    private static TruthBuffer read(byte[] bytes) {
        int offset = 0;
        if (bytes.length > 0 && bytes[0] == MAGIC) {
            if (bytes.length < 2 || bytes[1] != VERSION) {
                throw new IllegalArgumentException(FORMAT + ": unknown format version "
                        + (bytes.length < 2 ? "(missing)" : Byte.toString(bytes[1])) + ", this release reads " + VERSION);
            }
            offset = 2;
        }
        BinaryReader in = new BinaryReader(bytes, offset, bytes.length - offset, FORMAT, ByteOrder.BIG_ENDIAN);
        int times = count(in, "time count");
        Map<Long, List<double[]>> byTime = new TreeMap<>();
        for (int i = 0; i < times; i++) {
            long time = in.readLong();
            int targets = count(in, "target count");
            List<double[]> states = new ArrayList<>(targets);
            for (int t = 0; t < targets; t++) {
                states.add(in.readDoubleValues(count(in, "state size")));
            }
            byTime.put(time, states);
        }
        in.requireEnd();
        return new TruthBuffer(byTime);
    }

    /** A 32-bit count that the bytes left can hold (at least one byte per item). */
    private static int count(BinaryReader in, String what) {
        int n = in.readInt();
        if (n < 0 || n > in.remaining()) {
            throw in.malformed(what + " " + n + " does not fit the " + in.remaining() + " bytes left");
        }
        return n;
    }
}
