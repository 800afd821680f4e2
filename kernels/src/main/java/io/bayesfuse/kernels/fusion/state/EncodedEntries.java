package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.state.SortedSourceVersions.IdLength;

/**
 * A listing's entries as bytes, one after another: each id's byte length (as {@link IdLength}
 * says), its UTF-8 bytes, and its version as a zig-zag varint. A listing whose one version changed
 * gets its bytes by {@link #withVersion} (two array copies and one entry written) instead of
 * writing every entry again. Never changed once made: listings made from one another share them.
 * It writes its varints itself: the state codec's {@code BinaryWriter} lives in a package that
 * depends on this one, and the packages stay free of cycles.
 */
final class EncodedEntries {

    private final byte[] bytes;
    /** Where entry i starts; {@code offsets[n]} is the length of {@link #bytes}. */
    private final int[] offsets;

    private EncodedEntries(byte[] bytes, int[] offsets) {
        this.bytes = bytes;
        this.offsets = offsets;
    }

    /** The entries of {@code ids} (UTF-8) and {@code versions}, in their order. */
    static EncodedEntries of(byte[][] ids, long[] versions, IdLength length) {
        int[] offsets = new int[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            offsets[i + 1] = offsets[i] + size(ids[i], versions[i], length);
        }
        byte[] bytes = new byte[offsets[ids.length]];
        for (int i = 0; i < ids.length; i++) {
            write(ids[i], versions[i], length, bytes, offsets[i]);
        }
        return new EncodedEntries(bytes, offsets);
    }

    /** These entries with entry {@code i} (id {@code id}, unchanged) at {@code version}. */
    EncodedEntries withVersion(int i, byte[] id, long version, IdLength length) {
        int entry = size(id, version, length);
        int delta = entry - (offsets[i + 1] - offsets[i]);
        byte[] changed = new byte[bytes.length + delta];
        System.arraycopy(bytes, 0, changed, 0, offsets[i]);
        write(id, version, length, changed, offsets[i]);
        System.arraycopy(bytes, offsets[i + 1], changed, offsets[i + 1] + delta, bytes.length - offsets[i + 1]);
        int[] moved = offsets;
        if (delta != 0) {
            moved = offsets.clone();
            for (int j = i + 1; j < moved.length; j++) {
                moved[j] += delta;
            }
        }
        return new EncodedEntries(changed, moved);
    }

    /** The bytes (shared: not to be changed). */
    byte[] bytes() {
        return bytes;
    }

    private static int size(byte[] id, long version, IdLength length) {
        return varintSize(lengthValue(id.length, length)) + id.length + varintSize(zigZag(version));
    }

    private static void write(byte[] id, long version, IdLength length, byte[] to, int at) {
        int p = writeVarint(lengthValue(id.length, length), to, at);
        System.arraycopy(id, 0, to, p, id.length);
        writeVarint(zigZag(version), to, p + id.length);
    }

    private static long lengthValue(int n, IdLength length) {
        return length == IdLength.ZIG_ZAG_VARINT ? zigZag(n) : n;
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static int writeVarint(long value, byte[] to, int at) {
        while ((value & ~0x7FL) != 0) {
            to[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        to[at++] = (byte) value;
        return at;
    }
}
