package io.bayesfuse.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for one serialization on one thread. {@link java.io.ByteArrayOutputStream}
 * synchronizes every write, and an Avro encoder writes each number separately: on a record of a few
 * dozen fields those uncontended locks cost more than the encoding.
 */
final class UnsynchronizedByteArrayOutputStream extends OutputStream {

    private byte[] buffer;
    private int count;

    UnsynchronizedByteArrayOutputStream(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void ensure(int more) {
        if (count + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
        }
    }

    int size() {
        return count;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, count);
    }
}
