package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quantity store's value format (also its changelog's):
 * <pre>
 * byte   'Q', format version (1)
 * int    n, n bytes     the rule fingerprint, UTF-8
 * int    clock count; each: int n, n bytes source id (UTF-8), byte 1 when a posterior time follows,
 *        [long posterior time], long heard-at time
 * ...                   the kernels' FusionStateCodec bytes
 * </pre>
 * Big-endian, written with the kernels' {@link BinaryWriter}; strings as {@link TombstoneSerde}'s.
 */
public final class FusedQuantitySerde implements Serde<FusedQuantity> {

    static final byte MAGIC = 'Q';
    static final byte VERSION = 1;

    @Override
    public Serializer<FusedQuantity> serializer() {
        return (topic, quantity) -> quantity == null ? null : encode(quantity);
    }

    @Override
    public Deserializer<FusedQuantity> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    public static byte[] encode(FusedQuantity quantity) {
        byte[] state = quantity.encodedState();
        BinaryWriter out = new BinaryWriter(64 + state.length, ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION);
        TombstoneSerde.writeString(out, quantity.fingerprint());
        out.writeInt(quantity.clocks().size());
        quantity.clocks().forEach((id, clock) -> {
            TombstoneSerde.writeString(out, id);
            if (clock.posteriorTime() == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1).writeLong(clock.posteriorTime());
            }
            out.writeLong(clock.heardAt());
        });
        return out.writeRaw(state).toByteArray();
    }

    public static FusedQuantity decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length, "fused-quantity state", ByteOrder.BIG_ENDIAN);
        try {
            byte magic = (byte) in.readByte();
            byte version = (byte) in.readByte();
            if (magic != MAGIC || version != VERSION) {
                throw new SerializationException("not a fused-quantity state (magic " + magic + ", version " + version
                        + "; this version reads magic " + MAGIC + " version " + VERSION + ")");
            }
            String fingerprint = TombstoneSerde.readString(in);
            int count = in.readInt();
            if (count < 0) {
                throw new SerializationException("fused-quantity state: negative clock count " + count);
            }
            Map<String, SourceClock> clocks = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String id = TombstoneSerde.readString(in);
                Long posteriorTime = in.readByte() == 0 ? null : in.readLong();
                clocks.put(id, new SourceClock(posteriorTime, in.readLong()));
            }
            return FusedQuantity.encoded(fingerprint, clocks, in.readRaw(in.remaining()));
        } catch (IllegalArgumentException e) {
            throw new SerializationException("truncated fused-quantity state (" + bytes.length + " bytes)", e);
        }
    }
}
