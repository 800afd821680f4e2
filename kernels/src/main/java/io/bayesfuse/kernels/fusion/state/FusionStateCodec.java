package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.FusionMethod;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compact binary form of a {@link FusionState}, for a key-value store (not JSON: the arrays
 * dominate and are written as raw doubles).
 *
 * <pre>
 * magic 0xBF, format version (1 byte, currently 1), method code (1 byte)
 * dimension (varint), subtractions (varint)
 * aggregates: count (varint), each: length (varint) + length × float64 little-endian
 * sources:    count (varint), each: id (varint byte length + UTF-8), version (zig-zag varint),
 *             array count (varint), arrays as above
 * retracted:  count (varint), each: id, version (zig-zag varint), sorted by id
 * </pre>
 * Varints are unsigned LEB128. A reader refuses a format version it does not know, so a future
 * format can be introduced alongside (decode old, encode new).
 */
public final class FusionStateCodec {

    /** First byte of every encoded state. */
    public static final byte MAGIC = (byte) 0xBF;
    /** The format this codec writes. */
    public static final int FORMAT_VERSION = 1;

    private FusionStateCodec() {
    }

    public static byte[] encode(FusionState state) {
        Map<String, Long> retracted = new TreeMap<>(state.retracted());
        List<byte[]> ids = new ArrayList<>();
        long size = 3 + varintSize(state.dimension()) + varintSize(state.subtractions()) + arraysSize(state.aggregates());
        size += varintSize(state.sources().size());
        for (SourceEntry e : state.sources()) {
            byte[] id = e.sourceId().getBytes(StandardCharsets.UTF_8);
            ids.add(id);
            size += varintSize(id.length) + id.length + varintSize(zigZag(e.version())) + arraysSize(e.arrays());
        }
        size += varintSize(retracted.size());
        for (Map.Entry<String, Long> r : retracted.entrySet()) {
            byte[] id = r.getKey().getBytes(StandardCharsets.UTF_8);
            ids.add(id);
            size += varintSize(id.length) + id.length + varintSize(zigZag(r.getValue()));
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("fusion state of " + size + " bytes is too large to encode");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) FORMAT_VERSION).put((byte) state.method().code());
        putVarint(out, state.dimension());
        putVarint(out, state.subtractions());
        putArrays(out, state.aggregates());
        putVarint(out, state.sources().size());
        int idIndex = 0;
        for (SourceEntry e : state.sources()) {
            putBytes(out, ids.get(idIndex++));
            putVarint(out, zigZag(e.version()));
            putArrays(out, e.arrays());
        }
        putVarint(out, retracted.size());
        for (Map.Entry<String, Long> r : retracted.entrySet()) {
            putBytes(out, ids.get(idIndex++));
            putVarint(out, zigZag(r.getValue()));
        }
        return out.array();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a fusion state of a known format
     *                                  (the message says what was wrong)
     */
    public static FusionState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (in.get() != MAGIC) {
                throw new IllegalArgumentException("fusion state: not a fusion state (first byte is not 0xBF)");
            }
            int format = in.get() & 0xFF;
            if (format != FORMAT_VERSION) {
                throw new IllegalArgumentException("fusion state: format version " + format
                        + " is not supported (this build reads " + FORMAT_VERSION + ")");
            }
            FusionMethod method = FusionMethod.ofCode(in.get() & 0xFF);
            int dimension = toInt(getVarint(in), "dimension");
            long subtractions = getVarint(in);
            List<double[]> aggregates = getArrays(in);
            int sourceCount = toInt(getVarint(in), "source count");
            List<SourceEntry> sources = new ArrayList<>(sourceCount);
            for (int i = 0; i < sourceCount; i++) {
                String id = getString(in);
                long version = unZigZag(getVarint(in));
                sources.add(new SourceEntry(id, version, getArrays(in)));
            }
            int retractedCount = toInt(getVarint(in), "retraction count");
            Map<String, Long> retracted = new LinkedHashMap<>();
            for (int i = 0; i < retractedCount; i++) {
                retracted.put(getString(in), unZigZag(getVarint(in)));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("fusion state: " + in.remaining() + " unexpected trailing bytes");
            }
            return new FusionState(method, dimension, aggregates, subtractions, sources, retracted);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("fusion state: truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static long arraysSize(List<double[]> arrays) {
        long size = varintSize(arrays.size());
        for (double[] a : arrays) {
            size += varintSize(a.length) + 8L * a.length;
        }
        return size;
    }

    private static void putArrays(ByteBuffer out, List<double[]> arrays) {
        putVarint(out, arrays.size());
        for (double[] a : arrays) {
            putVarint(out, a.length);
            out.asDoubleBuffer().put(a);
            out.position(out.position() + 8 * a.length);
        }
    }

    private static List<double[]> getArrays(ByteBuffer in) {
        int count = toInt(getVarint(in), "array count");
        List<double[]> arrays = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            int length = toInt(getVarint(in), "array length");
            if ((long) length * 8 > in.remaining()) {
                throw new BufferUnderflowException();
            }
            double[] a = new double[length];
            in.asDoubleBuffer().get(a);
            in.position(in.position() + 8 * length);
            arrays.add(a);
        }
        return arrays;
    }

    private static void putBytes(ByteBuffer out, byte[] bytes) {
        putVarint(out, bytes.length);
        out.put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = toInt(getVarint(in), "id length");
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static void putVarint(ByteBuffer out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    private static long getVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("fusion state: malformed varint");
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int toInt(long value, String what) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fusion state: " + what + " " + value + " is out of range");
        }
        return (int) value;
    }
}
