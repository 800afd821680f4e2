package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.adaptive.InverseGammaNoise;
import io.bayesfuse.kernels.adaptive.InverseWishartNoise;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.filter.MixtureState;
import io.bayesfuse.kernels.filter.ParticleState;
import io.bayesfuse.kernels.smoothing.SmootherWindow;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compact binary form of an {@link EntityState} for a state store (not JSON: doubles are
 * written as their 8 IEEE-754 bytes, so a decoded state continues bit for bit).
 *
 * <pre>
 * byte   magic 'E', byte version (2; version 1 is still read: it ends after the history)
 * varint count, then each model id (modified UTF-8)
 * long   time, state current
 * byte   flags (1: base present, 2: base is the prior), [long baseTime, state base]
 * varint count, then each measurement: UTF sensorId, long timestamp, varint m, m doubles z,
 *        byte hasR, [m·m doubles R]
 * since version 2:
 * noise: varint count, then each sensor's learned noise posterior, by sensor id: UTF sensorId, byte kind
 *        1 inverse-Gamma: varint m, m doubles α, m doubles β
 *        2 inverse-Wishart: varint m, double ν, m·m doubles V
 * noise at the base, likewise
 * varint count, then each smoother-window entry, oldest first: long time, Gaussian (without kind byte)
 * state: byte kind
 *        1 Gaussian: varint n, n doubles x, n(n+1)/2 doubles: the upper triangle of P row by row
 *          (covariances are symmetric by construction: every filter step symmetrises them)
 *        2 mixture:  varint dimension, varint r, r doubles μ, r Gaussians (without kind byte)
 *        3 particles: varint n, varint N, N·n doubles, N doubles weights, long random state
 * </pre>
 * Written and read with {@link BinaryWriter} and {@link BinaryReader} in big-endian order with
 * modified UTF-8 strings, as the format's first release wrote it through {@link java.io.DataOutput}.
 * A reader refuses versions it does not know, so the format can evolve: a new version adds a
 * case to {@link #decode} and keeps reading the old ones.
 */
public final class EntityStateCodec {

    static final byte MAGIC = 'E';
    /** The version this build writes. */
    public static final byte VERSION = 2;
    private static final byte FIRST_VERSION = 1;
    private static final String FORMAT = "entity state";

    private static final byte GAUSSIAN = 1;
    private static final byte MIXTURE = 2;
    private static final byte PARTICLES = 3;
    private static final byte INVERSE_GAMMA = 1;
    private static final byte INVERSE_WISHART = 2;

    private EntityStateCodec() {
    }

    public static byte[] encode(EntityState state) {
        return write(new BinaryWriter(256, ByteOrder.BIG_ENDIAN), state).toByteArray();
    }

    /**
     * Appends the bytes {@link #encode} returns to {@code out} (big-endian), e.g. after a header of
     * the caller's, without an intermediate array.
     */
    public static BinaryWriter write(BinaryWriter out, EntityState state) {
        out.writeByte(MAGIC).writeByte(VERSION).writeCount(state.modelIds().size());
        for (String id : state.modelIds()) {
            out.writeModifiedUtf8(id);
        }
        out.writeLong(state.time());
        writeState(out, state.current());
        int flags = (state.base() != null ? 1 : 0) | (state.baseIsPrior() ? 2 : 0);
        out.writeByte(flags);
        if (state.base() != null) {
            out.writeLong(state.baseTime());
            writeState(out, state.base());
        }
        out.writeCount(state.history().size());
        for (Measurement m : state.history()) {
            writeMeasurement(out, m);
        }
        writeNoise(out, state.noise());
        writeNoise(out, state.baseNoise());
        SmootherWindow window = state.smoother();
        out.writeCount(window.size());
        for (int i = 0; i < window.size(); i++) {
            out.writeLong(window.times()[i]);
            writeGaussian(out, window.filtered().get(i));
        }
        return out;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not an entity state of a known version
     */
    public static EntityState decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the {@code length} bytes of {@code bytes} from {@code offset} (e.g. after a store's own header).
     *
     * @throws IllegalArgumentException when the bytes are not an entity state of a known version
     */
    public static EntityState decode(byte[] bytes, int offset, int length) {
        BinaryReader in = new BinaryReader(bytes, offset, length, FORMAT, ByteOrder.BIG_ENDIAN);
        if (in.readByte() != MAGIC) {
            throw new IllegalArgumentException("not an encoded entity state (bad magic byte)");
        }
        byte version = (byte) in.readByte();
        if (version != VERSION && version != FIRST_VERSION) {
            throw new IllegalArgumentException("entity state format version " + version
                    + " is not readable by this build (it reads versions " + FIRST_VERSION + " and " + VERSION + ")");
        }
        int ids = in.readCount("a model id count");
        checkCount(in, ids, 2);
        List<String> modelIds = new ArrayList<>(ids);
        for (int i = 0; i < ids; i++) {
            modelIds.add(in.readModifiedUtf8());
        }
        long time = in.readLong();
        FilterState current = readState(in);
        int flags = in.readByte();
        long baseTime = time;
        FilterState base = null;
        if ((flags & 1) != 0) {
            baseTime = in.readLong();
            base = readState(in);
        }
        int count = in.readCount("a history length");
        checkCount(in, count, 12);
        List<Measurement> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            history.add(readMeasurement(in));
        }
        SortedMap<String, NoisePosterior> noise = null;
        SortedMap<String, NoisePosterior> baseNoise = null;
        SmootherWindow window = null;
        if (version >= 2) {
            noise = readNoise(in);
            baseNoise = readNoise(in);
            int entries = in.readCount("a smoother window length");
            checkCount(in, entries, 9);
            long[] times = new long[entries];
            List<GaussianState> filtered = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                times[i] = in.readLong();
                filtered.add(readGaussian(in));
            }
            window = new SmootherWindow(times, filtered);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("entity state has " + in.remaining() + " trailing bytes");
        }
        return new EntityState(modelIds, time, current, baseTime, base, (flags & 2) != 0, history, noise, baseNoise, window);
    }

    /** A filter state: its kind byte, then its numbers. */
    static void writeState(BinaryWriter out, FilterState state) {
        if (state instanceof GaussianState g) {
            out.writeByte(GAUSSIAN);
            writeGaussian(out, g);
        } else if (state instanceof MixtureState m) {
            out.writeByte(MIXTURE).writeCount(m.dimension()).writeCount(m.modes().length).writeDoubleValues(m.probabilities());
            for (GaussianState g : m.modes()) {
                writeGaussian(out, g);
            }
        } else if (state instanceof ParticleState p) {
            out.writeByte(PARTICLES).writeCount(p.dimension()).writeCount(p.count())
                    .writeDoubleValues(p.particles()).writeDoubleValues(p.weights()).writeLong(p.randomState());
        } else {
            throw new IllegalArgumentException("unknown filter state " + state);
        }
    }

    /** Reads what {@link #writeState} wrote. */
    static FilterState readState(BinaryReader in) {
        byte kind = (byte) in.readByte();
        return switch (kind) {
            case GAUSSIAN -> readGaussian(in);
            case MIXTURE -> {
                int dimension = in.readCount("a mixture dimension");
                int r = in.readCount("a mode count");
                double[] mu = in.readDoubleValues(r);
                GaussianState[] modes = new GaussianState[r];
                for (int j = 0; j < r; j++) {
                    modes[j] = readGaussian(in);
                }
                yield new MixtureState(mu, modes, dimension);
            }
            case PARTICLES -> {
                int n = in.readCount("a particle dimension");
                int count = in.readCount("a particle count");
                double[] particles = in.readDoubleValues(Math.multiplyExact(n, count));
                double[] weights = in.readDoubleValues(count);
                yield new ParticleState(n, particles, weights, in.readLong());
            }
            default -> throw new IllegalArgumentException("unknown filter state kind " + kind);
        };
    }

    /** x, then the upper triangle of P row by row (P is symmetric by construction). */
    private static void writeGaussian(BinaryWriter out, GaussianState g) {
        int n = g.dimension();
        out.writeCount(n).writeDoubleValues(g.x());
        double[] P = g.P();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                out.writeDouble(P[i * n + j]);
            }
        }
    }

    private static GaussianState readGaussian(BinaryReader in) {
        int n = in.readCount("a state dimension");
        double[] x = in.readDoubleValues(n);
        double[] P = new double[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = in.readDouble();
                P[i * n + j] = v;
                P[j * n + i] = v;
            }
        }
        return new GaussianState(x, P);
    }

    private static void writeNoise(BinaryWriter out, Map<String, NoisePosterior> noise) {
        out.writeCount(noise.size());
        if (noise.isEmpty()) {
            return;
        }
        for (Map.Entry<String, NoisePosterior> e : new TreeMap<>(noise).entrySet()) {
            out.writeModifiedUtf8(e.getKey());
            if (e.getValue() instanceof InverseGammaNoise ig) {
                out.writeByte(INVERSE_GAMMA).writeCount(ig.dimension()).writeDoubleValues(ig.alpha()).writeDoubleValues(ig.beta());
            } else if (e.getValue() instanceof InverseWishartNoise iw) {
                out.writeByte(INVERSE_WISHART).writeCount(iw.dimension()).writeDouble(iw.nu()).writeDoubleValues(iw.V());
            } else {
                throw new IllegalArgumentException("unknown noise posterior " + e.getValue());
            }
        }
    }

    private static SortedMap<String, NoisePosterior> readNoise(BinaryReader in) {
        int count = in.readCount("a noise posterior count");
        checkCount(in, count, 4);
        SortedMap<String, NoisePosterior> noise = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String sensorId = in.readModifiedUtf8();
            byte kind = (byte) in.readByte();
            int m = in.readCount("a noise dimension");
            NoisePosterior posterior = switch (kind) {
                case INVERSE_GAMMA -> new InverseGammaNoise(in.readDoubleValues(m), in.readDoubleValues(m));
                case INVERSE_WISHART -> new InverseWishartNoise(in.readDouble(), in.readDoubleValues(Math.multiplyExact(m, m)));
                default -> throw new IllegalArgumentException("unknown noise posterior kind " + kind);
            };
            noise.put(sensorId, posterior);
        }
        return noise;
    }

    /** Fails unless {@code count} items of at least {@code bytesEach} bytes can still be read. */
    static void checkCount(BinaryReader in, int count, int bytesEach) {
        if (count > in.remaining() / bytesEach) {
            throw new IllegalArgumentException("entity state is truncated or corrupt: " + count + " entries announced");
        }
    }

    private static void writeMeasurement(BinaryWriter out, Measurement m) {
        out.writeModifiedUtf8(m.sensorId()).writeLong(m.timestamp()).writeCount(m.z().length).writeDoubleValues(m.z());
        out.writeBoolean(m.R() != null);
        if (m.R() != null) {
            for (double[] row : m.R()) {
                if (row.length != m.z().length) {
                    throw new IllegalArgumentException("measurement R rows must match z's length to be encoded");
                }
                out.writeDoubleValues(row);
            }
        }
    }

    private static Measurement readMeasurement(BinaryReader in) {
        String sensorId = in.readModifiedUtf8();
        long timestamp = in.readLong();
        int m = in.readCount("a measurement size");
        double[] z = in.readDoubleValues(m);
        double[][] R = null;
        if (in.readByte() != 0) {
            R = new double[m][];
            for (int i = 0; i < m; i++) {
                R[i] = in.readDoubleValues(m);
            }
        }
        return new Measurement(sensorId, timestamp, z, R);
    }
}
