package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.changepoint.ChangepointState;

import java.nio.ByteOrder;

/**
 * The compact binary form of a {@link ChangepointState} for a state store (big-endian):
 * <pre>
 * byte   magic 'C', byte version (1)
 * int    d, int s (statistics per hypothesis), long observations, byte armed (0/1)
 * int    K, then per hypothesis: int r, long run start, double log probability, s doubles
 * </pre>
 * Doubles are their 8 IEEE-754 bytes, so a decoded state continues bit for bit. With the default
 * pruning (K ≤ 100) and d = 2 (s = 5) a state is at most 6.0 kB. Written with a {@link BinaryWriter}
 * of the exact size, because a store encodes and decodes it on every record. A reader refuses versions
 * it does not know.
 */
public final class ChangepointStateCodec {

    static final byte MAGIC = 'C';
    /** The version this build writes. */
    public static final byte VERSION = 1;
    private static final String WHAT = "changepoint state";
    private static final int HEADER = 2 + 4 + 4 + 8 + 1 + 4;

    private ChangepointStateCodec() {
    }

    public static byte[] encode(ChangepointState state) {
        int s = state.statisticsLength();
        int count = state.size();
        BinaryWriter out = new BinaryWriter(HEADER + count * (4 + 8 + 8 + 8 * s), ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION);
        out.writeInt(state.dimension()).writeInt(s).writeLong(state.observations()).writeBoolean(state.armed());
        out.writeInt(count);
        double[] statistics = state.statistics();
        for (int i = 0; i < count; i++) {
            out.writeInt(state.runLengths()[i]).writeLong(state.runStarts()[i]).writeDouble(state.logProbabilities()[i]);
            for (int j = i * s; j < (i + 1) * s; j++) {
                out.writeDouble(statistics[j]);
            }
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a changepoint state of a known version */
    public static ChangepointState decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length, WHAT, ByteOrder.BIG_ENDIAN);
        if (in.readByte() != MAGIC) {
            throw new IllegalArgumentException("not an encoded " + WHAT + " (bad magic byte)");
        }
        byte version = (byte) in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException(WHAT + " format version " + version
                    + " is not readable by this build (it reads version " + VERSION + ")");
        }
        int d = in.readInt();
        int s = in.readInt();
        long observations = in.readLong();
        boolean armed = in.readByte() != 0;
        int count = in.readInt();
        if (s < 0 || count < 0 || (long) count * (4 + 8 + 8 + 8L * s) != in.remaining()) {
            throw new IllegalArgumentException(WHAT + " is truncated or corrupt: " + count + " hypotheses of "
                    + s + " statistics announced, " + in.remaining() + " bytes left");
        }
        int[] r = new int[count];
        long[] starts = new long[count];
        double[] logP = new double[count];
        double[] statistics = new double[count * s];
        for (int i = 0; i < count; i++) {
            r[i] = in.readInt();
            starts[i] = in.readLong();
            logP[i] = in.readDouble();
            for (int j = i * s; j < (i + 1) * s; j++) {
                statistics[j] = in.readDouble();
            }
        }
        return new ChangepointState(d, observations, armed, r, starts, logP, statistics);
    }
}
