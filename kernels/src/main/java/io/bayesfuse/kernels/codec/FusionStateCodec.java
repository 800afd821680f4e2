package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;

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
 * Varints are unsigned LEB128, written and read with {@link BinaryWriter} and {@link BinaryReader}.
 * This is the previous release's whole-quantity format, still read so that its stores can be
 * converted. A reader refuses a format version it does not know, so a future format can be
 * introduced alongside (decode old, encode new).
 */
public final class FusionStateCodec {

    /** First byte of every encoded state. */
    public static final byte MAGIC = (byte) 0xBF;
    /** The format this codec writes. */
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "fusion state";

    private FusionStateCodec() {
    }

    public static byte[] encode(FusionState state) {
        long size = 16 + arraysSize(state.aggregates());
        for (SourceEntry e : state.sources()) {
            size += 16 + e.sourceId().length() + arraysSize(e.arrays());
        }
        BinaryWriter out = new BinaryWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        out.writeByte(MAGIC).writeByte(FORMAT_VERSION).writeByte(state.method().code());
        out.writeVarint(state.dimension()).writeVarint(state.subtractions()).writeArrays(state.aggregates());
        out.writeVarint(state.sources().size());
        for (SourceEntry e : state.sources()) {
            out.writeString(e.sourceId()).writeSignedVarint(e.version()).writeArrays(e.arrays());
        }
        Map<String, Long> retracted = new TreeMap<>(state.retracted());
        out.writeVarint(retracted.size());
        retracted.forEach((id, version) -> out.writeString(id).writeSignedVarint(version));
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a fusion state of a known format
     *                                  (the message says what was wrong)
     */
    public static FusionState decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT);
        if ((byte) in.readByte() != MAGIC) {
            throw in.malformed("not a fusion state (first byte is not 0xBF)");
        }
        int format = in.readByte();
        if (format != FORMAT_VERSION) {
            throw in.malformed("format version " + format + " is not supported (this build reads " + FORMAT_VERSION + ")");
        }
        FusionMethod method = FusionMethod.ofCode(in.readByte());
        int dimension = in.readCount("dimension");
        long subtractions = in.readVarint();
        List<double[]> aggregates = in.readArrays();
        int sourceCount = in.readCount("source count");
        List<SourceEntry> sources = new ArrayList<>(Math.min(sourceCount, 64));
        for (int i = 0; i < sourceCount; i++) {
            String id = in.readString();
            long version = in.readSignedVarint();
            sources.add(new SourceEntry(id, version, in.readArrays()));
        }
        int retractedCount = in.readCount("retraction count");
        Map<String, Long> retracted = new LinkedHashMap<>();
        for (int i = 0; i < retractedCount; i++) {
            retracted.put(in.readString(), in.readSignedVarint());
        }
        in.requireEnd();
        return new FusionState(method, dimension, aggregates, subtractions, sources, retracted);
    }

    private static long arraysSize(List<double[]> arrays) {
        long size = 5;
        for (double[] a : arrays) {
            size += 5 + 8L * a.length;
        }
        return size;
    }
}
