package io.bayesfuse.topology.sensors;

import io.bayesfuse.kernels.changepoint.ChangepointState;
import io.bayesfuse.kernels.codec.ChangepointStateCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state-store serde of a {@link SensorState} (big-endian, never leaves the store and its
 * changelog); the detector's state is the kernels' {@link ChangepointStateCodec} bytes, so it
 * continues bit for bit after a restore:
 * <pre>
 * byte 'S', byte 1                       magic, version
 * int n, n bytes                         ChangepointStateCodec bytes (n = -1: none), then UTF model
 * long observations, long changes, long lastChange, double inflation, long inflatedUntil
 * int m (-1: none), m·m doubles, long time, UTF entity     the newest learned R
 * int count, then per entity: UTF id, long time            recently measured entities, sorted
 * </pre>
 */
public final class SensorStateSerde implements Serde<SensorState> {

    static final byte MAGIC = 'S';
    static final byte VERSION = 1;

    @Override
    public Serializer<SensorState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<SensorState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    public static byte[] encode(SensorState s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            if (s.changepoint() == null) {
                out.writeInt(-1);
            } else {
                byte[] cp = ChangepointStateCodec.encode(s.changepoint());
                out.writeInt(cp.length);
                out.write(cp);
                out.writeUTF(s.model() == null ? "" : s.model());
            }
            out.writeLong(s.observations());
            out.writeLong(s.changes());
            out.writeLong(s.lastChange());
            out.writeDouble(s.inflation());
            out.writeLong(s.inflatedUntil());
            double[][] R = s.learnedR();
            if (R == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(R.length);
                for (double[] row : R) {
                    for (double v : row) {
                        out.writeDouble(v);
                    }
                }
                out.writeLong(s.learnedRTime());
                out.writeUTF(s.learnedREntity() == null ? "" : s.learnedREntity());
            }
            out.writeInt(s.recentEntities().size());
            for (var e : s.recentEntities().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("sensor state: " + e.getMessage(), e);
        }
    }

    public static SensorState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != MAGIC) {
                throw new SerializationException("not an encoded sensor state (bad magic byte)");
            }
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("sensor state format version " + version
                        + " is not readable by this build (it reads version " + VERSION + ")");
            }
            int cpLength = in.readInt();
            ChangepointState changepoint = null;
            String model = null;
            if (cpLength >= 0) {
                byte[] cp = in.readNBytes(cpLength);
                changepoint = ChangepointStateCodec.decode(cp);
                model = in.readUTF();
            }
            long observations = in.readLong();
            long changes = in.readLong();
            long lastChange = in.readLong();
            double inflation = in.readDouble();
            long inflatedUntil = in.readLong();
            int m = in.readInt();
            double[][] R = null;
            long learnedTime = SensorState.NEVER;
            String learnedEntity = null;
            if (m >= 0) {
                R = new double[m][m];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        R[i][j] = in.readDouble();
                    }
                }
                learnedTime = in.readLong();
                learnedEntity = in.readUTF();
            }
            int count = in.readInt();
            SortedMap<String, Long> recent = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                recent.put(in.readUTF(), in.readLong());
            }
            return new SensorState(changepoint, model, changes, lastChange, inflation, inflatedUntil, R, learnedTime,
                    learnedEntity, observations, recent);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("sensor state is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
