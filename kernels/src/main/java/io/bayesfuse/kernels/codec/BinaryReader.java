package io.bayesfuse.kernels.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryWriter} wrote. Every malformed input (truncated, a length out of range,
 * trailing bytes) is an {@link IllegalArgumentException} whose message starts with the name of the
 * format being read, so a corrupt store value is reported, not misread.
 */
public final class BinaryReader {

    private final byte[] bytes;
    private final String format;
    private int position;

    /**
     * @param bytes  the encoded value
     * @param format what is being read, for messages (e.g. "fusion source record")
     */
    public BinaryReader(byte[] bytes, String format) {
        this.bytes = bytes;
        this.format = format;
    }

    public int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw malformed("a boolean byte is " + b);
        }
        return b == 1;
    }

    public long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("a varint is longer than ten bytes");
    }

    public long readSignedVarint() {
        long v = readVarint();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A varint that must be a non-negative int (a count or a length). */
    public int readCount(String what) {
        long v = readVarint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw malformed(what + " " + v + " is out of range");
        }
        return (int) v;
    }

    public long readLong() {
        require(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (bytes[position++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        int length = readCount("a string length");
        require(length);
        String s = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    public byte[] readBytes() {
        int length = readCount("a byte-string length");
        require(length);
        byte[] b = new byte[length];
        System.arraycopy(bytes, position, b, 0, length);
        position += length;
        return b;
    }

    public double[] readDoubles() {
        int length = readCount("an array length");
        require(8L * length);
        double[] a = new double[length];
        for (int k = 0; k < length; k++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (bytes[position++] & 0xFF) << (8 * i);
            }
            a[k] = Double.longBitsToDouble(v);
        }
        return a;
    }

    public List<double[]> readArrays() {
        int count = readCount("an array count");
        List<double[]> arrays = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            arrays.add(readDoubles());
        }
        return arrays;
    }

    /** The number of bytes not yet read. */
    public int remaining() {
        return bytes.length - position;
    }

    public boolean hasRemaining() {
        return position < bytes.length;
    }

    /** Fails unless everything was read. */
    public void requireEnd() {
        if (position != bytes.length) {
            throw malformed((bytes.length - position) + " unexpected trailing bytes");
        }
    }

    /** An error about the value being read, naming its format. */
    public IllegalArgumentException malformed(String problem) {
        return new IllegalArgumentException(format + ": " + problem);
    }

    private void require(long count) {
        if (count > bytes.length - position) {
            throw malformed("truncated (" + bytes.length + " bytes)");
        }
    }
}
