package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.RegionSnapshot;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.kernels.tracking.Track;
import io.bayesfuse.kernels.tracking.TrackStatus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(signature);
            writeSnapshot(out, state.current());
            out.writeByte((state.base() != null ? 1 : 0) | (state.baseIsStart() ? 2 : 0));
            if (state.base() != null) {
                writeSnapshot(out, state.base());
            }
            EntityStateCodec.writeVarint(out, state.history().size());
            for (Scan scan : state.history()) {
                writeScan(out, scan);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a region state of a known version */
    public static Stored decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != MAGIC) {
                throw new IllegalArgumentException("not an encoded region state (bad magic byte)");
            }
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("region state format version " + version
                        + " is not readable by this build (it reads version " + VERSION + ")");
            }
            String signature = in.readUTF();
            RegionSnapshot current = readSnapshot(in);
            int flags = in.readByte();
            RegionSnapshot base = (flags & 1) != 0 ? readSnapshot(in) : null;
            int count = EntityStateCodec.readVarint(in);
            EntityStateCodec.checkCount(in, count, 11);
            List<Scan> history = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                history.add(readScan(in));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("region state has " + in.available() + " trailing bytes");
            }
            return new Stored(signature, new RegionState(current, base, (flags & 2) != 0, history));
        } catch (IOException e) {
            throw new IllegalArgumentException("region state is truncated or corrupt: " + e, e);
        }
    }

    private static void writeSnapshot(DataOutputStream out, RegionSnapshot s) throws IOException {
        out.writeLong(s.time());
        out.writeLong(s.nextNumber());
        EntityStateCodec.writeVarint(out, s.tracks().size());
        for (Track t : s.tracks()) {
            out.writeLong(t.number());
            out.writeByte(t.status() == TrackStatus.CONFIRMED ? 1 : 0);
            EntityStateCodec.writeVarint(out, t.scans());
            EntityStateCodec.writeVarint(out, t.hits());
            EntityStateCodec.writeVarint(out, t.misses());
            EntityStateCodec.writeState(out, t.state());
        }
    }

    private static RegionSnapshot readSnapshot(DataInputStream in) throws IOException {
        long time = in.readLong();
        long nextNumber = in.readLong();
        int count = EntityStateCodec.readVarint(in);
        EntityStateCodec.checkCount(in, count, 13);
        List<Track> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long number = in.readLong();
            TrackStatus status = in.readByte() == 1 ? TrackStatus.CONFIRMED : TrackStatus.TENTATIVE;
            int scans = EntityStateCodec.readVarint(in);
            int hits = EntityStateCodec.readVarint(in);
            int misses = EntityStateCodec.readVarint(in);
            tracks.add(new Track(number, status, EntityStateCodec.readState(in), scans, hits, misses));
        }
        return new RegionSnapshot(time, nextNumber, tracks);
    }

    private static void writeScan(DataOutputStream out, Scan scan) throws IOException {
        out.writeUTF(scan.sensorId());
        out.writeLong(scan.timestamp());
        EntityStateCodec.writeVarint(out, scan.detections().size());
        for (Detection d : scan.detections()) {
            int m = d.z().length;
            EntityStateCodec.writeVarint(out, m);
            EntityStateCodec.writeDoubles(out, d.z());
            out.writeBoolean(d.R() != null);
            if (d.R() != null) {
                for (double[] row : d.R()) {
                    if (row.length != m) {
                        throw new IllegalArgumentException("a detection's R rows must match z's length to be encoded");
                    }
                    EntityStateCodec.writeDoubles(out, row);
                }
            }
        }
    }

    private static Scan readScan(DataInputStream in) throws IOException {
        String sensorId = in.readUTF();
        long timestamp = in.readLong();
        int count = EntityStateCodec.readVarint(in);
        EntityStateCodec.checkCount(in, count, 9);
        List<Detection> detections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int m = EntityStateCodec.readVarint(in);
            double[] z = EntityStateCodec.readDoubles(in, m);
            double[][] R = null;
            if (in.readBoolean()) {
                R = new double[m][];
                for (int r = 0; r < m; r++) {
                    R[r] = EntityStateCodec.readDoubles(in, m);
                }
            }
            detections.add(new Detection(z, R));
        }
        return new Scan(sensorId, timestamp, detections);
    }
}
