package io.bayesfuse.kernels.codec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The building blocks the state codecs share: unsigned LEB128 counts, and doubles as their 8
 * IEEE-754 bytes (so a decoded state continues bit for bit). Reads check announced lengths against
 * the bytes left, so corrupt input fails with a message instead of a huge allocation.
 */
final class BinaryFormat {

    private BinaryFormat() {
    }

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

    /** @param what names the encoded value in errors, e.g. {@code changepoint state} */
    static int readVarint(DataInputStream in, String what) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException(what + " has a corrupt count");
                }
                return value;
            }
        }
        throw new IllegalArgumentException(what + " has a corrupt count");
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInputStream in, int count, String what) throws IOException {
        requireAvailable(in, count, 8, what);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** Fails unless {@code count} items of {@code bytesEach} bytes can still be read. */
    static void requireAvailable(DataInputStream in, int count, int bytesEach, String what) throws IOException {
        if (count < 0 || count > in.available() / bytesEach) {
            throw new IllegalArgumentException(what + " is truncated or corrupt: " + count + " values announced");
        }
    }

    static void requireVersion(byte version, byte known, String what) {
        if (version != known) {
            throw new IllegalArgumentException(what + " format version " + version
                    + " is not readable by this build (it reads version " + known + ")");
        }
    }

    static void requireEnd(DataInputStream in, String what) throws IOException {
        if (in.available() > 0) {
            throw new IllegalArgumentException(what + " has " + in.available() + " trailing bytes");
        }
    }
}
