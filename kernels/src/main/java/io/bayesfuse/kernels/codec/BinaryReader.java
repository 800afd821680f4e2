package io.bayesfuse.kernels.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryWriter} wrote, in the same byte order. Every malformed input (truncated,
 * a length out of range, trailing bytes) is an {@link IllegalArgumentException} whose message
 * starts with the name of the format being read, so a corrupt store value is reported, not misread.
 */
public final class BinaryReader {

    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private final String format;
    private final boolean bigEndian;
    private final int start;
    private final int end;
    private int position;

    /**
     * A little-endian reader of all of {@code bytes}.
     *
     * @param bytes  the encoded value
     * @param format what is being read, for messages (e.g. "fusion source record")
     */
    public BinaryReader(byte[] bytes, String format) {
        this(bytes, 0, bytes.length, format, ByteOrder.LITTLE_ENDIAN);
    }

    /** A reader of the {@code length} bytes from {@code offset} (e.g. after a store's own header), in {@code order}. */
    public BinaryReader(byte[] bytes, int offset, int length, String format, ByteOrder order) {
        if (offset < 0 || length < 0 || length > bytes.length - offset) {
            throw new IllegalArgumentException(format + ": bytes [" + offset + ", " + ((long) offset + length)
                    + ") lie outside an array of " + bytes.length);
        }
        this.bytes = bytes;
        this.format = format;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        this.start = offset;
        this.position = offset;
        this.end = offset + length;
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

    /** A signed 16-bit number. */
    public short readShort() {
        return (short) readFixed(2);
    }

    public int readInt() {
        return (int) readFixed(4);
    }

    public long readLong() {
        require(8);
        return getLong();
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

    /** A string as {@link java.io.DataInput#readUTF} reads it (see {@link BinaryWriter#writeModifiedUtf8}). */
    public String readModifiedUtf8() {
        require(2);
        int length = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        require(length);
        int stop = position + length;
        char[] chars = new char[length];
        int count = 0;
        while (position < stop) {
            int a = bytes[position] & 0xFF;
            if (a < 0x80) {
                chars[count++] = (char) a;
                position++;
            } else if ((a & 0xE0) == 0xC0 && position + 1 < stop) {
                chars[count++] = (char) (((a & 0x1F) << 6) | continuation(position + 1));
                position += 2;
            } else if ((a & 0xF0) == 0xE0 && position + 2 < stop) {
                chars[count++] = (char) (((a & 0x0F) << 12) | (continuation(position + 1) << 6) | continuation(position + 2));
                position += 3;
            } else {
                throw malformed("malformed modified UTF-8 at byte " + position);
            }
        }
        return new String(chars, 0, count);
    }

    public byte[] readBytes() {
        return readRaw(readCount("a byte-string length"));
    }

    /** {@code count} bytes as they are. */
    public byte[] readRaw(int count) {
        if (count < 0) {
            throw malformed("a length of " + count + " bytes");
        }
        require(count);
        byte[] b = new byte[count];
        System.arraycopy(bytes, position, b, 0, count);
        position += count;
        return b;
    }

    public double[] readDoubles() {
        return readDoubleValues(readCount("an array length"));
    }

    /** {@code count} doubles written without a length. */
    public double[] readDoubleValues(int count) {
        if (count < 0) {
            throw malformed(count + " numbers announced");
        }
        require(8L * count);
        double[] a = new double[count];
        for (int k = 0; k < count; k++) {
            a[k] = Double.longBitsToDouble(getLong());
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

    public boolean hasRemaining() {
        return position < end;
    }

    /** The bytes not read yet. */
    public int remaining() {
        return end - position;
    }

    /** The index in the array of the next byte to read. */
    public int position() {
        return position;
    }

    /** Fails unless everything was read. */
    public void requireEnd() {
        if (position != end) {
            throw malformed((end - position) + " unexpected trailing bytes");
        }
    }

    /** An error about the value being read, naming its format. */
    public IllegalArgumentException malformed(String problem) {
        return new IllegalArgumentException(format + ": " + problem);
    }

    /** Eight bytes at the position, available (checked by the caller): one load through a view of the bytes as longs. */
    private long getLong() {
        long v = (long) (bigEndian ? BIG_ENDIAN_LONGS : LITTLE_ENDIAN_LONGS).get(bytes, position);
        position += 8;
        return v;
    }

    private long readFixed(int count) {
        require(count);
        long v = 0;
        if (bigEndian) {
            for (int i = 0; i < count; i++) {
                v = (v << 8) | (bytes[position++] & 0xFF);
            }
            // sign-extend shorter numbers
            return count == 8 ? v : (v << (64 - 8 * count)) >> (64 - 8 * count);
        }
        for (int i = 0; i < count; i++) {
            v |= (long) (bytes[position++] & 0xFF) << (8 * i);
        }
        return count == 8 ? v : (v << (64 - 8 * count)) >> (64 - 8 * count);
    }

    private int continuation(int index) {
        int b = bytes[index] & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw malformed("malformed modified UTF-8 at byte " + index);
        }
        return b & 0x3F;
    }

    private void require(long count) {
        if (count > end - position) {
            throw malformed("truncated (" + (end - start) + " bytes)");
        }
    }
}
