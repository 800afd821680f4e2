package io.bayesfuse.topology.sensors;

import io.bayesfuse.kernels.changepoint.ChangepointState;
import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import io.bayesfuse.kernels.codec.ChangepointStateCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteOrder;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state-store serde of a {@link SensorState} (big-endian, modified UTF-8 strings, written with
 * the kernels' {@link BinaryWriter}; never leaves the store and its changelog); the detector's
 * state is the kernels' {@link ChangepointStateCodec} bytes, so it continues bit for bit after a restore:
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
        BinaryWriter out = new BinaryWriter(256, ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION);
        if (s.changepoint() == null) {
            out.writeInt(-1);
        } else {
            byte[] cp = ChangepointStateCodec.encode(s.changepoint());
            out.writeInt(cp.length).writeRaw(cp).writeModifiedUtf8(s.model() == null ? "" : s.model());
        }
        out.writeLong(s.observations()).writeLong(s.changes()).writeLong(s.lastChange())
                .writeDouble(s.inflation()).writeLong(s.inflatedUntil());
        double[][] R = s.learnedR();
        if (R == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(R.length);
            for (double[] row : R) {
                out.writeDoubleValues(row);
            }
            out.writeLong(s.learnedRTime()).writeModifiedUtf8(s.learnedREntity() == null ? "" : s.learnedREntity());
        }
        out.writeInt(s.recentEntities().size());
        for (var e : s.recentEntities().entrySet()) {
            out.writeModifiedUtf8(e.getKey()).writeLong(e.getValue());
        }
        return out.toByteArray();
    }

    public static SensorState decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length, "sensor state", ByteOrder.BIG_ENDIAN);
        try {
            if ((byte) in.readByte() != MAGIC) {
                throw new SerializationException("not an encoded sensor state (bad magic byte)");
            }
            byte version = (byte) in.readByte();
            if (version != VERSION) {
                throw new SerializationException("sensor state format version " + version
                        + " is not readable by this build (it reads version " + VERSION + ")");
            }
            int cpLength = in.readInt();
            ChangepointState changepoint = null;
            String model = null;
            if (cpLength >= 0) {
                changepoint = ChangepointStateCodec.decode(in.readRaw(cpLength));
                model = in.readModifiedUtf8();
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
                R = new double[m][];
                for (int i = 0; i < m; i++) {
                    R[i] = in.readDoubleValues(m);
                }
                learnedTime = in.readLong();
                learnedEntity = in.readModifiedUtf8();
            }
            int count = in.readInt();
            SortedMap<String, Long> recent = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                recent.put(in.readModifiedUtf8(), in.readLong());
            }
            return new SensorState(changepoint, model, changes, lastChange, inflation, inflatedUntil, R, learnedTime,
                    learnedEntity, observations, recent);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("sensor state is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
