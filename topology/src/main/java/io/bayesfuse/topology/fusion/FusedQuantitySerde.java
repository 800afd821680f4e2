package io.bayesfuse.topology.fusion;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        byte[] fingerprint = quantity.fingerprint().getBytes(StandardCharsets.UTF_8);
        byte[] state = quantity.encodedState();
        Map<byte[], SourceClock> clocks = new LinkedHashMap<>();
        int size = 2 + 4 + fingerprint.length + 4 + state.length;
        for (Map.Entry<String, SourceClock> e : quantity.clocks().entrySet()) {
            byte[] id = e.getKey().getBytes(StandardCharsets.UTF_8);
            clocks.put(id, e.getValue());
            size += 4 + id.length + 1 + (e.getValue().posteriorTime() == null ? 0 : 8) + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC).put(VERSION);
        out.putInt(fingerprint.length).put(fingerprint);
        out.putInt(clocks.size());
        clocks.forEach((id, clock) -> {
            out.putInt(id.length).put(id);
            if (clock.posteriorTime() == null) {
                out.put((byte) 0);
            } else {
                out.put((byte) 1).putLong(clock.posteriorTime());
            }
            out.putLong(clock.heardAt());
        });
        out.put(state);
        return out.array();
    }

    public static FusedQuantity decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte magic = in.get();
            byte version = in.get();
            if (magic != MAGIC || version != VERSION) {
                throw new SerializationException("not a fused-quantity state (magic " + magic + ", version " + version
                        + "; this version reads magic " + MAGIC + " version " + VERSION + ")");
            }
            String fingerprint = string(in);
            int count = in.getInt();
            if (count < 0) {
                throw new SerializationException("fused-quantity state: negative clock count " + count);
            }
            Map<String, SourceClock> clocks = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String id = string(in);
                Long posteriorTime = in.get() == 0 ? null : in.getLong();
                clocks.put(id, new SourceClock(posteriorTime, in.getLong()));
            }
            return FusedQuantity.encoded(fingerprint, clocks, Arrays.copyOfRange(bytes, in.position(), bytes.length));
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new SerializationException("truncated fused-quantity state (" + bytes.length + " bytes)", e);
        }
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[in.getInt()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
