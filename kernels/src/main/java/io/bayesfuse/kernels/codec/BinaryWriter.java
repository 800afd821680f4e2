package io.bayesfuse.kernels.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the project's compact binary state formats: unsigned LEB128 varints, zig-zag varints for
 * signed values, little-endian IEEE-754 doubles and longs, strings as a varint byte length and
 * UTF-8. The buffer grows as needed; {@link #toByteArray()} returns exactly what was written.
 * Read back with {@link BinaryReader}.
 */
public final class BinaryWriter {

    private byte[] buffer;
    private int position;

    public BinaryWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    public BinaryWriter() {
        this(256);
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

    /** A zig-zag varint: small magnitudes of either sign take few bytes. */
    public BinaryWriter writeSignedVarint(long value) {
        return writeVarint((value << 1) ^ (value >> 63));
    }

    public BinaryWriter writeLong(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[position++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public BinaryWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public BinaryWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A varint length, then the bytes. */
    public BinaryWriter writeBytes(byte[] bytes) {
        writeVarint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /** A varint length, then the values. */
    public BinaryWriter writeDoubles(double[] values) {
        writeVarint(values.length);
        ensure(8L * values.length);
        for (double v : values) {
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) {
                buffer[position++] = (byte) (bits >>> (8 * i));
            }
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
