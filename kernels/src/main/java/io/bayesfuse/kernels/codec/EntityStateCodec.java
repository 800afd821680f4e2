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

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A reader refuses versions it does not know, so the format can evolve: a new version adds a
 * case to {@link #decode} and keeps reading the old ones.
 */
public final class EntityStateCodec {

    static final byte MAGIC = 'E';
    /** The version this build writes. */
    public static final byte VERSION = 2;
    private static final byte FIRST_VERSION = 1;

    private static final byte GAUSSIAN = 1;
    private static final byte MIXTURE = 2;
    private static final byte PARTICLES = 3;
    private static final byte INVERSE_GAMMA = 1;
    private static final byte INVERSE_WISHART = 2;

    private EntityStateCodec() {
    }

    public static byte[] encode(EntityState state) {
        ByteArrayStreams.Output bytes = new ByteArrayStreams.Output(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            writeVarint(out, state.modelIds().size());
            for (String id : state.modelIds()) {
                out.writeUTF(id);
            }
            out.writeLong(state.time());
            writeState(out, state.current());
            int flags = (state.base() != null ? 1 : 0) | (state.baseIsPrior() ? 2 : 0);
            out.writeByte(flags);
            if (state.base() != null) {
                out.writeLong(state.baseTime());
                writeState(out, state.base());
            }
            writeVarint(out, state.history().size());
            for (Measurement m : state.history()) {
                writeMeasurement(out, m);
            }
            writeNoise(out, state.noise());
            writeNoise(out, state.baseNoise());
            SmootherWindow window = state.smoother();
            writeVarint(out, window.size());
            for (int i = 0; i < window.size(); i++) {
                out.writeLong(window.times()[i]);
                writeGaussian(out, window.filtered().get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // an array does not fail
        }
        return bytes.toByteArray();
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
        try (DataInputStream in = new DataInputStream(new ByteArrayStreams.Input(bytes, offset, length))) {
            if (in.readByte() != MAGIC) {
                throw new IllegalArgumentException("not an encoded entity state (bad magic byte)");
            }
            byte version = in.readByte();
            if (version != VERSION && version != FIRST_VERSION) {
                throw new IllegalArgumentException("entity state format version " + version
                        + " is not readable by this build (it reads versions " + FIRST_VERSION + " and " + VERSION + ")");
            }
            int ids = readVarint(in);
            List<String> modelIds = new ArrayList<>(ids);
            for (int i = 0; i < ids; i++) {
                modelIds.add(in.readUTF());
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
            int count = readVarint(in);
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
                int entries = readVarint(in);
                checkCount(in, entries, 9);
                long[] times = new long[entries];
                List<GaussianState> filtered = new ArrayList<>(entries);
                for (int i = 0; i < entries; i++) {
                    times[i] = in.readLong();
                    filtered.add(readGaussian(in));
                }
                window = new SmootherWindow(times, filtered);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("entity state has " + in.available() + " trailing bytes");
            }
            return new EntityState(modelIds, time, current, baseTime, base, (flags & 2) != 0, history, noise, baseNoise, window);
        } catch (EOFException e) {
            throw new IllegalArgumentException("entity state is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeState(DataOutputStream out, FilterState state) throws IOException {
        if (state instanceof GaussianState g) {
            out.writeByte(GAUSSIAN);
            writeGaussian(out, g);
        } else if (state instanceof MixtureState m) {
            out.writeByte(MIXTURE);
            writeVarint(out, m.dimension());
            writeVarint(out, m.modes().length);
            writeDoubles(out, m.probabilities());
            for (GaussianState g : m.modes()) {
                writeGaussian(out, g);
            }
        } else if (state instanceof ParticleState p) {
            out.writeByte(PARTICLES);
            writeVarint(out, p.dimension());
            writeVarint(out, p.count());
            writeDoubles(out, p.particles());
            writeDoubles(out, p.weights());
            out.writeLong(p.randomState());
        } else {
            throw new IllegalArgumentException("unknown filter state " + state);
        }
    }

    static FilterState readState(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case GAUSSIAN -> readGaussian(in);
            case MIXTURE -> {
                int dimension = readVarint(in);
                int r = readVarint(in);
                double[] mu = readDoubles(in, r);
                GaussianState[] modes = new GaussianState[r];
                for (int j = 0; j < r; j++) {
                    modes[j] = readGaussian(in);
                }
                yield new MixtureState(mu, modes, dimension);
            }
            case PARTICLES -> {
                int n = readVarint(in);
                int count = readVarint(in);
                double[] particles = readDoubles(in, Math.multiplyExact(n, count));
                double[] weights = readDoubles(in, count);
                yield new ParticleState(n, particles, weights, in.readLong());
            }
            default -> throw new IllegalArgumentException("unknown filter state kind " + kind);
        };
    }

    private static void writeGaussian(DataOutputStream out, GaussianState g) throws IOException {
        int n = g.dimension();
        writeVarint(out, n);
        writeDoubles(out, g.x());
        double[] P = g.P();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                out.writeDouble(P[i * n + j]);
            }
        }
    }

    private static GaussianState readGaussian(DataInputStream in) throws IOException {
        int n = readVarint(in);
        double[] x = readDoubles(in, n);
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

    private static void writeNoise(DataOutputStream out, Map<String, NoisePosterior> noise) throws IOException {
        writeVarint(out, noise.size());
        for (Map.Entry<String, NoisePosterior> e : new TreeMap<>(noise).entrySet()) {
            out.writeUTF(e.getKey());
            if (e.getValue() instanceof InverseGammaNoise ig) {
                out.writeByte(INVERSE_GAMMA);
                writeVarint(out, ig.dimension());
                writeDoubles(out, ig.alpha());
                writeDoubles(out, ig.beta());
            } else if (e.getValue() instanceof InverseWishartNoise iw) {
                out.writeByte(INVERSE_WISHART);
                writeVarint(out, iw.dimension());
                out.writeDouble(iw.nu());
                writeDoubles(out, iw.V());
            } else {
                throw new IllegalArgumentException("unknown noise posterior " + e.getValue());
            }
        }
    }

    private static SortedMap<String, NoisePosterior> readNoise(DataInputStream in) throws IOException {
        int count = readVarint(in);
        checkCount(in, count, 4);
        SortedMap<String, NoisePosterior> noise = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String sensorId = in.readUTF();
            byte kind = in.readByte();
            int m = readVarint(in);
            NoisePosterior posterior = switch (kind) {
                case INVERSE_GAMMA -> new InverseGammaNoise(readDoubles(in, m), readDoubles(in, m));
                case INVERSE_WISHART -> new InverseWishartNoise(in.readDouble(), readDoubles(in, Math.multiplyExact(m, m)));
                default -> throw new IllegalArgumentException("unknown noise posterior kind " + kind);
            };
            noise.put(sensorId, posterior);
        }
        return noise;
    }

    /** Fails unless {@code count} items of at least {@code bytesEach} bytes can still be read. */
    static void checkCount(DataInputStream in, int count, int bytesEach) throws IOException {
        if (count > in.available() / bytesEach) {
            throw new IllegalArgumentException("entity state is truncated or corrupt: " + count + " entries announced");
        }
    }

    private static void writeMeasurement(DataOutputStream out, Measurement m) throws IOException {
        out.writeUTF(m.sensorId());
        out.writeLong(m.timestamp());
        writeVarint(out, m.z().length);
        writeDoubles(out, m.z());
        out.writeBoolean(m.R() != null);
        if (m.R() != null) {
            for (double[] row : m.R()) {
                if (row.length != m.z().length) {
                    throw new IllegalArgumentException("measurement R rows must match z's length to be encoded");
                }
                writeDoubles(out, row);
            }
        }
    }

    private static Measurement readMeasurement(DataInputStream in) throws IOException {
        String sensorId = in.readUTF();
        long timestamp = in.readLong();
        int m = readVarint(in);
        double[] z = readDoubles(in, m);
        double[][] R = null;
        if (in.readBoolean()) {
            R = new double[m][];
            for (int i = 0; i < m; i++) {
                R[i] = readDoubles(in, m);
            }
        }
        return new Measurement(sensorId, timestamp, z, R);
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInputStream in, int count) throws IOException {
        if (count < 0 || count > in.available() / 8) {
            throw new IllegalArgumentException("entity state is truncated or corrupt: " + count + " numbers announced");
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** Unsigned LEB128. */
    static void writeVarint(DataOutputStream out, int value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("negative count " + value);
        }
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("entity state has a corrupt count");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("entity state has a corrupt count");
    }
}
