package io.bayesfuse.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format: one magic byte 0, the schema id as a 4-byte big-endian integer, then
 * the Avro binary encoding of the datum.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for a schema id. */
    /** The header into a serializer's own buffer. */
    static void writeHeader(UnsynchronizedByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * The schema id in the header of a framed record.
     *
     * @param where names the record for the error message, e.g. "topic 'measurements' (value)"
     * @throws InvalidWireFormatException when the bytes are too short or the magic byte is wrong
     */
    public static int schemaId(byte[] framed, String where) {
        if (framed.length < HEADER_SIZE) {
            throw new InvalidWireFormatException(where + ": " + framed.length + " bytes cannot be in the Confluent wire "
                    + "format (magic byte 0 and a 4-byte schema id come first), so no schema id can be read");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new InvalidWireFormatException(String.format("%s: unknown magic byte 0x%02X (expected 0x00), so the "
                    + "schema id cannot be trusted (the next 4 bytes would read as id %d): the data is not in the "
                    + "Confluent wire format; was it written by another serializer?", where, framed[0] & 0xFF,
                    ByteBuffer.wrap(framed, 1, 4).getInt()));
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
