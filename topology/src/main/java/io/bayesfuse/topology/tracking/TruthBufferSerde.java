package io.bayesfuse.topology.tracking;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The truth store's values, compact: int count, then per time: long time, int targets, then per
 * target: int n, n doubles.
 */
public final class TruthBufferSerde implements Serde<TruthBuffer> {

    @Override
    public Serializer<TruthBuffer> serializer() {
        return (topic, buffer) -> {
            if (buffer == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(buffer.byTime().size());
                for (Map.Entry<Long, List<double[]>> e : buffer.byTime().entrySet()) {
                    out.writeLong(e.getKey());
                    out.writeInt(e.getValue().size());
                    for (double[] state : e.getValue()) {
                        out.writeInt(state.length);
                        for (double v : state) {
                            out.writeDouble(v);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<TruthBuffer> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                int times = in.readInt();
                Map<Long, List<double[]>> byTime = new TreeMap<>();
                for (int i = 0; i < times; i++) {
                    long time = in.readLong();
                    int targets = in.readInt();
                    List<double[]> states = new ArrayList<>(targets);
                    for (int t = 0; t < targets; t++) {
                        double[] state = new double[in.readInt()];
                        for (int k = 0; k < state.length; k++) {
                            state[k] = in.readDouble();
                        }
                        states.add(state);
                    }
                    byTime.put(time, states);
                }
                return new TruthBuffer(byTime);
            } catch (IOException e) {
                throw new IllegalArgumentException("truth buffer is truncated or corrupt: " + e, e);
            }
        };
    }
}
