package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.RegionSnapshot;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.kernels.tracking.Track;
import io.bayesfuse.kernels.tracking.TrackStatus;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of a region's {@link RegionState} for a state store (doubles as their 8
 * IEEE-754 bytes, so a decoded region continues bit for bit). Filter states are written as {@link
 * EntityStateCodec} writes them.
 *
 * <pre>
 * byte   magic 'R', byte version (1)
 * UTF    signature: what built the state (filter and models), so a changed configuration is noticed
 * snapshot current
 * byte   flags (1: base present, 2: base is the region's start), [snapshot base]
 * varint count, then each retained scan: UTF sensorId, long timestamp, varint count, then each
 *        detection: varint m, m doubles z, byte hasR, [m·m doubles R]
 * snapshot: long time, long nextNumber, varint count, then each track: long number, byte status
 *        (0 tentative, 1 confirmed), varint scans, varint hits, varint misses, state (EntityStateCodec)
 * </pre>
 * Big-endian with modified UTF-8 strings, written with {@link BinaryWriter} like the entity state.
 */
public final class RegionStateCodec {

    static final byte MAGIC = 'R';
    public static final byte VERSION = 1;

    private RegionStateCodec() {
    }

    /** A decoded region and the signature of what built it. */
    public record Stored(String signature, RegionState state) {
    }

    public static byte[] encode(String signature, RegionState state) {
        BinaryWriter out = new BinaryWriter(1024, ByteOrder.BIG_ENDIAN);
        out.writeByte(MAGIC).writeByte(VERSION).writeModifiedUtf8(signature);
        writeSnapshot(out, state.current());
        out.writeByte((state.base() != null ? 1 : 0) | (state.baseIsStart() ? 2 : 0));
        if (state.base() != null) {
            writeSnapshot(out, state.base());
        }
        out.writeCount(state.history().size());
        for (Scan scan : state.history()) {
            writeScan(out, scan);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a region state of a known version */
    public static Stored decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length, "region state", ByteOrder.BIG_ENDIAN);
        if ((byte) in.readByte() != MAGIC) {
            throw new IllegalArgumentException("not an encoded region state (bad magic byte)");
        }
        byte version = (byte) in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("region state format version " + version
                    + " is not readable by this build (it reads version " + VERSION + ")");
        }
        String signature = in.readModifiedUtf8();
        RegionSnapshot current = readSnapshot(in);
        int flags = in.readByte();
        RegionSnapshot base = (flags & 1) != 0 ? readSnapshot(in) : null;
        int count = in.readCount("a scan count");
        EntityStateCodec.checkCount(in, count, 11);
        List<Scan> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            history.add(readScan(in));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("region state has " + in.remaining() + " trailing bytes");
        }
        return new Stored(signature, new RegionState(current, base, (flags & 2) != 0, history));
    }

    private static void writeSnapshot(BinaryWriter out, RegionSnapshot s) {
        out.writeLong(s.time()).writeLong(s.nextNumber()).writeCount(s.tracks().size());
        for (Track t : s.tracks()) {
            out.writeLong(t.number()).writeByte(t.status() == TrackStatus.CONFIRMED ? 1 : 0)
                    .writeCount(t.scans()).writeCount(t.hits()).writeCount(t.misses());
            EntityStateCodec.writeState(out, t.state());
        }
    }

    private static RegionSnapshot readSnapshot(BinaryReader in) {
        long time = in.readLong();
        long nextNumber = in.readLong();
        int count = in.readCount("a track count");
        EntityStateCodec.checkCount(in, count, 13);
        List<Track> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long number = in.readLong();
            TrackStatus status = in.readByte() == 1 ? TrackStatus.CONFIRMED : TrackStatus.TENTATIVE;
            int scans = in.readCount("a scan count");
            int hits = in.readCount("a hit count");
            int misses = in.readCount("a miss count");
            tracks.add(new Track(number, status, EntityStateCodec.readState(in), scans, hits, misses));
        }
        return new RegionSnapshot(time, nextNumber, tracks);
    }

    private static void writeScan(BinaryWriter out, Scan scan) {
        out.writeModifiedUtf8(scan.sensorId()).writeLong(scan.timestamp()).writeCount(scan.detections().size());
        for (Detection d : scan.detections()) {
            int m = d.z().length;
            out.writeCount(m).writeDoubleValues(d.z()).writeBoolean(d.R() != null);
            if (d.R() != null) {
                for (double[] row : d.R()) {
                    if (row.length != m) {
                        throw new IllegalArgumentException("a detection's R rows must match z's length to be encoded");
                    }
                    out.writeDoubleValues(row);
                }
            }
        }
    }

    private static Scan readScan(BinaryReader in) {
        String sensorId = in.readModifiedUtf8();
        long timestamp = in.readLong();
        int count = in.readCount("a detection count");
        EntityStateCodec.checkCount(in, count, 9);
        List<Detection> detections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int m = in.readCount("a detection size");
            double[] z = in.readDoubleValues(m);
            double[][] R = null;
            if (in.readByte() != 0) {
                R = new double[m][];
                for (int r = 0; r < m; r++) {
                    R[r] = in.readDoubleValues(m);
                }
            }
            detections.add(new Detection(z, R));
        }
        return new Scan(sensorId, timestamp, detections);
    }
}
