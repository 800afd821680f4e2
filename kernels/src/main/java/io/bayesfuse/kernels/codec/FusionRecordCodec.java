package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.RuleState;
import io.bayesfuse.kernels.fusion.state.FusionHeader;
import io.bayesfuse.kernels.fusion.state.SortedSourceVersions;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.kernels.fusion.state.SourceTable;
import io.bayesfuse.kernels.fusion.trust.SourceTrust;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The binary forms of a fusion's per-source records and its header, for key-value stores (one
 * entry per source, one per quantity).
 * <pre>
 * source record: 0xB5, format 1, flags (bit 0 contributing, bit 1 posterior time present, bit 2 trust present),
 *                version (zig-zag varint), [posterior time (zig-zag varint)], heard-at (zig-zag varint),
 *                [trust: score (float64 LE), consistent streak (varint), quarantined (byte 0 | 1)],
 *                arrays: count (varint), each length (varint) + float64 little-endian values
 *                (the source id is the entry's key, not repeated here)
 * header:        0xB4, format 1, method code (byte), dimension (varint), subtractions (varint),
 *                aggregates (arrays as above), contributing (varint), known (varint), digest (int64 LE),
 *                listed (byte 0 | 1, then count (varint), each id (varint length + UTF-8) and version (zig-zag)),
 *                in format 2 only: quarantined (count (varint), each id and version as in the listing)
 * </pre>
 * A header with quarantined sources is written in format 2, every other one in format 1 (the bytes
 * of a quantity without trust are as they were). A reader refuses a format it does not know, so a
 * future format can be introduced alongside.
 */
public final class FusionRecordCodec {

    public static final int SOURCE_MAGIC = 0xB5;
    public static final int HEADER_MAGIC = 0xB4;
    public static final int FORMAT_VERSION = 1;
    /** The header format with quarantined sources. */
    public static final int HEADER_FORMAT_WITH_QUARANTINE = 2;

    private FusionRecordCodec() {
    }

    public static byte[] encodeSource(SourceRecord r) {
        long size = 24;
        for (double[] a : r.arrays()) {
            size += 5 + 8L * a.length;
        }
        BinaryWriter out = new BinaryWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        out.writeByte(SOURCE_MAGIC).writeByte(FORMAT_VERSION)
                .writeByte((r.contributing() ? 1 : 0) | (r.posteriorTime() != null ? 2 : 0) | (r.trust() != null ? 4 : 0))
                .writeSignedVarint(r.version());
        if (r.posteriorTime() != null) {
            out.writeSignedVarint(r.posteriorTime());
        }
        out.writeSignedVarint(r.heardAt());
        if (r.trust() != null) {
            out.writeDouble(r.trust().score()).writeVarint(r.trust().consistentStreak()).writeBoolean(r.trust().quarantined());
        }
        out.writeArrays(r.arrays());
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a source record of a known format
     */
    public static SourceRecord decodeSource(String sourceId, byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, "fusion source record of '" + sourceId + "'");
        requireMagic(in, SOURCE_MAGIC, FORMAT_VERSION);
        int flags = in.readByte();
        long version = in.readSignedVarint();
        Long posteriorTime = (flags & 2) != 0 ? in.readSignedVarint() : null;
        long heardAt = in.readSignedVarint();
        SourceTrust trust = null;
        if ((flags & 4) != 0) {
            double score = in.readDouble();
            int streak = in.readCount("consistent streak");
            boolean quarantined = in.readBoolean();
            try {
                trust = new SourceTrust(score, streak, quarantined);
            } catch (IllegalArgumentException e) {
                throw in.malformed(e.getMessage());
            }
        }
        List<double[]> arrays = in.readArrays();
        in.requireEnd();
        return new SourceRecord(sourceId, version, (flags & 1) != 0, posteriorTime, heardAt, arrays, trust);
    }

    public static byte[] encodeHeader(FusionHeader h) {
        BinaryWriter out = new BinaryWriter(64);
        encodeHeader(h, out);
        return out.toByteArray();
    }

    /** Appends the header to {@code out} (for callers that wrap it in a format of their own). */
    public static void encodeHeader(FusionHeader h, BinaryWriter out) {
        RuleState rule = h.rule();
        boolean withQuarantine = !h.quarantined().isEmpty();
        out.writeByte(HEADER_MAGIC).writeByte(withQuarantine ? HEADER_FORMAT_WITH_QUARANTINE : FORMAT_VERSION)
                .writeByte(rule.method().code())
                .writeVarint(rule.dimension()).writeVarint(rule.subtractions()).writeArrays(rule.aggregates())
                .writeVarint(h.contributing()).writeVarint(h.known()).writeLong(h.digest());
        if (h.listed() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1).writeVarint(h.listed().size());
            writeListed(h.listed(), out);
        }
        if (withQuarantine) {
            out.writeVarint(h.quarantined().size());
            writeListed(h.quarantined(), out);
        }
    }

    /**
     * Each id (unsigned varint length, UTF-8) and version (zig-zag varint), in order: the listing's own
     * encoded entries, which it carries from one update to the next (a header's listings are always
     * sorted arrays).
     */
    private static void writeListed(Map<String, Long> listed, BinaryWriter out) {
        out.writeRaw(((SortedSourceVersions) listed).encodedEntries(SortedSourceVersions.IdLength.UNSIGNED_VARINT));
    }

    public static FusionHeader decodeHeader(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, "fusion header");
        FusionHeader h = decodeHeader(in);
        in.requireEnd();
        return h;
    }

    /** Reads a header written by {@link #encodeHeader(FusionHeader, BinaryWriter)}. */
    public static FusionHeader decodeHeader(BinaryReader in) {
        int format = requireMagic(in, HEADER_MAGIC, HEADER_FORMAT_WITH_QUARANTINE);
        FusionMethod method;
        try {
            method = FusionMethod.ofCode(in.readByte());
        } catch (IllegalArgumentException e) {
            throw in.malformed(e.getMessage());
        }
        int dimension = in.readCount("dimension");
        long subtractions = in.readVarint();
        List<double[]> aggregates = in.readArrays();
        int contributing = in.readCount("contributing count");
        int known = in.readCount("known count");
        long digest = in.readLong();
        SortedMap<String, Long> listed = in.readBoolean() ? readListed(in) : null;
        SortedMap<String, Long> quarantined = format == HEADER_FORMAT_WITH_QUARANTINE ? readListed(in) : null;
        try {
            return new FusionHeader(new RuleState(method, dimension, aggregates, subtractions), contributing, known, digest, listed,
                    quarantined);
        } catch (IllegalArgumentException e) {
            throw in.malformed(e.getMessage());
        }
    }

    /**
     * The listed sources, written in {@link SourceTable#ORDER}: read into arrays and handed on as a
     * sorted map that a tree copies in linear time (no tree is built here). Only neighbours are
     * compared, to refuse a listing that is not strictly ascending rather than build a broken tree.
     */
    private static SortedMap<String, Long> readListed(BinaryReader in) {
        int n = in.readCount("listed count");
        if (n > in.remaining() / 2) { // each entry takes at least two bytes (a length and a version)
            throw in.malformed("listed count " + n + " does not fit the " + in.remaining() + " bytes left");
        }
        String[] ids = new String[n];
        long[] versions = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readString();
            versions[i] = in.readSignedVarint();
            if (i > 0 && SourceTable.ORDER.compare(ids[i - 1], ids[i]) >= 0) {
                throw in.malformed("listed sources are not in order: '" + ids[i - 1] + "' before '" + ids[i] + "'");
            }
        }
        return new SortedSourceVersions(ids, versions);
    }

    /** Checks the magic byte and reads the format, refusing one above {@code newestFormat}; returns it. */
    private static int requireMagic(BinaryReader in, int magic, int newestFormat) {
        int first = in.readByte();
        if (first != magic) {
            throw in.malformed(String.format("first byte is 0x%02X, not 0x%02X", first, magic));
        }
        int format = in.readByte();
        if (format < FORMAT_VERSION || format > newestFormat) {
            throw in.malformed("format version " + format + " is not supported (this build reads " + FORMAT_VERSION
                    + (newestFormat > FORMAT_VERSION ? " to " + newestFormat : "") + ")");
        }
        return format;
    }
}
