package io.bayesfuse.kernels.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Unsynchronized byte-array streams for the codecs. {@link java.io.ByteArrayInputStream} and
 * {@link java.io.ByteArrayOutputStream} take a lock on every call, and a Data stream over them makes
 * one call per number: decoding an entity state took about a hundred uncontended locks, more than
 * the decoding itself. A codec's streams never leave the thread that made them.
 */
final class ByteArrayStreams {

    private ByteArrayStreams() {
    }

    /** Reads {@code length} bytes of an array from {@code offset}. */
    static final class Input extends InputStream {

        private final byte[] bytes;
        private final int end;
        private int position;

        Input(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position >= end) {
                return length == 0 ? 0 : -1;
            }
            int n = Math.min(length, end - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return end - position;
        }
    }

    /** A growable array. */
    static final class Output extends OutputStream {

        private byte[] buffer;
        private int count;

        Output(int initialCapacity) {
            buffer = new byte[initialCapacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] from, int offset, int length) {
            ensure(length);
            System.arraycopy(from, offset, buffer, count, length);
            count += length;
        }

        private void ensure(int more) {
            if (count + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, count);
        }
    }
}
