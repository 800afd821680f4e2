package io.bayesfuse.kernels.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the project's compact binary state formats, the one helper every state codec uses:
 * unsigned LEB128 varints, zig-zag varints for signed values, IEEE-754 doubles and longs (and
 * ints and shorts) in the format's byte order, strings as a varint byte length and UTF-8 (or, for
 * the formats that began with {@link java.io.DataOutput}, as its modified UTF-8). Newer formats are
 * little-endian (the default); the older ones keep the big-endian order they were written in, so
 * their stored bytes stay readable. The buffer grows as needed; {@link #toByteArray()} returns
 * exactly what was written. Read back with {@link BinaryReader}.
 */
public final class BinaryWriter {

    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final boolean bigEndian;
    private byte[] buffer;
    private int position;

    /** A little-endian writer. */
    public BinaryWriter(int initialCapacity) {
        this(initialCapacity, ByteOrder.LITTLE_ENDIAN);
    }

    public BinaryWriter() {
        this(256);
    }

    /** A writer whose fixed-width numbers are in {@code order}. */
    public BinaryWriter(int initialCapacity, ByteOrder order) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
    }

    public BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
        return this;
    }

    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** An unsigned LEB128 varint (a negative value takes ten bytes: use {@link #writeSignedVarint} for those). */
    public BinaryWriter writeVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
        return this;
    }

    /** A count or a length as an unsigned varint. */
    public BinaryWriter writeCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        return writeVarint(count);
    }

    /** A zig-zag varint: small magnitudes of either sign take few bytes. */
    public BinaryWriter writeSignedVarint(long value) {
        return writeVarint((value << 1) ^ (value >> 63));
    }

    public BinaryWriter writeShort(int value) {
        return writeFixed(value, 2);
    }

    public BinaryWriter writeInt(int value) {
        return writeFixed(value, 4);
    }

    public BinaryWriter writeLong(long value) {
        ensure(8);
        putLong(value);
        return this;
    }

    public BinaryWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public BinaryWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A string as {@link java.io.DataOutput#writeUTF} writes it: an unsigned 16-bit big-endian byte
     * length, then modified UTF-8 (NUL as two bytes, supplementary characters as two surrogates).
     */
    public BinaryWriter writeModifiedUtf8(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            length += c >= 0x01 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a string of " + length + " encoded bytes is too long for modified UTF-8 (at most 65535)");
        }
        ensure(2L + length);
        buffer[position++] = (byte) (length >>> 8);
        buffer[position++] = (byte) length;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x01 && c <= 0x7F) {
                buffer[position++] = (byte) c;
            } else if (c <= 0x7FF) {
                buffer[position++] = (byte) (0xC0 | (c >> 6));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buffer[position++] = (byte) (0xE0 | (c >> 12));
                buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    /** A varint length, then the bytes. */
    public BinaryWriter writeBytes(byte[] bytes) {
        writeVarint(bytes.length);
        return writeRaw(bytes);
    }

    /** The bytes as they are, without a length (the format knows where they end). */
    public BinaryWriter writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /** A varint length, then the values. */
    public BinaryWriter writeDoubles(double[] values) {
        writeVarint(values.length);
        return writeDoubleValues(values);
    }

    /** The values without a length (the format knows how many there are). */
    public BinaryWriter writeDoubleValues(double[] values) {
        ensure(8L * values.length);
        for (double v : values) {
            putLong(Double.doubleToRawLongBits(v));
        }
        return this;
    }

    /** A varint count, then each array as {@link #writeDoubles}. */
    public BinaryWriter writeArrays(List<double[]> arrays) {
        writeVarint(arrays.size());
        for (double[] a : arrays) {
            writeDoubles(a);
        }
        return this;
    }

    public int size() {
        return position;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** The low {@code bytes} bytes of {@code value} in this writer's order. */
    private BinaryWriter writeFixed(long value, int bytes) {
        ensure(bytes);
        if (bigEndian) {
            for (int i = bytes - 1; i >= 0; i--) {
                buffer[position++] = (byte) (value >>> (8 * i));
            }
        } else {
            for (int i = 0; i < bytes; i++) {
                buffer[position++] = (byte) (value >>> (8 * i));
            }
        }
        return this;
    }

    /** Eight bytes at the position, room ensured: one store through a view of the buffer as longs. */
    private void putLong(long value) {
        (bigEndian ? BIG_ENDIAN_LONGS : LITTLE_ENDIAN_LONGS).set(buffer, position, value);
        position += 8;
    }

    private void ensure(long more) {
        long needed = position + more;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a state of " + needed + " bytes is too large to encode");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * buffer.length)));
        }
    }
}
