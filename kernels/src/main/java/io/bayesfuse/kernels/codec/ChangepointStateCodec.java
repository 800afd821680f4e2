package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.changepoint.ChangepointState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

import static io.bayesfuse.kernels.codec.BinaryFormat.readDoubles;
import static io.bayesfuse.kernels.codec.BinaryFormat.readVarint;
import static io.bayesfuse.kernels.codec.BinaryFormat.requireAvailable;
import static io.bayesfuse.kernels.codec.BinaryFormat.writeDoubles;
import static io.bayesfuse.kernels.codec.BinaryFormat.writeVarint;

/**
 * The compact binary form of a {@link ChangepointState} for a state store:
 * <pre>
 * byte   magic 'C', byte version (1)
 * varint d, varint s (statistics per hypothesis), long observations, byte armed (0/1)
 * varint K, then per hypothesis: varint r, long run start, double log probability, s doubles
 * </pre>
 * With the default pruning (K ≤ 100) and d = 2 (s = 5) a state is at most about 6.5 kB.
 * A reader refuses versions it does not know.
 */
public final class ChangepointStateCodec {

    static final byte MAGIC = 'C';
    /** The version this build writes. */
    public static final byte VERSION = 1;
    private static final String WHAT = "changepoint state";

    private ChangepointStateCodec() {
    }

    public static byte[] encode(ChangepointState state) {
        int s = state.statisticsLength();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + state.size() * (20 + 8 * s));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            writeVarint(out, state.dimension());
            writeVarint(out, s);
            out.writeLong(state.observations());
            out.writeBoolean(state.armed());
            writeVarint(out, state.size());
            double[] slice = new double[s];
            for (int i = 0; i < state.size(); i++) {
                writeVarint(out, state.runLengths()[i]);
                out.writeLong(state.runStarts()[i]);
                out.writeDouble(state.logProbabilities()[i]);
                System.arraycopy(state.statistics(), i * s, slice, 0, s);
                writeDoubles(out, slice);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a changepoint state of a known version */
    public static ChangepointState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != MAGIC) {
                throw new IllegalArgumentException("not an encoded " + WHAT + " (bad magic byte)");
            }
            BinaryFormat.requireVersion(in.readByte(), VERSION, WHAT);
            int d = readVarint(in, WHAT);
            int s = readVarint(in, WHAT);
            long observations = in.readLong();
            boolean armed = in.readBoolean();
            int count = readVarint(in, WHAT);
            requireAvailable(in, count, 17 + 8 * s, WHAT);
            int[] r = new int[count];
            long[] starts = new long[count];
            double[] logP = new double[count];
            double[] statistics = new double[count * s];
            for (int i = 0; i < count; i++) {
                r[i] = readVarint(in, WHAT);
                starts[i] = in.readLong();
                logP[i] = in.readDouble();
                System.arraycopy(readDoubles(in, s, WHAT), 0, statistics, i * s, s);
            }
            BinaryFormat.requireEnd(in, WHAT);
            return new ChangepointState(d, observations, armed, r, starts, logP, statistics);
        } catch (EOFException e) {
            throw new IllegalArgumentException(WHAT + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
