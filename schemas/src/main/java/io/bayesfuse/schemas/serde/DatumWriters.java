package io.bayesfuse.schemas.serde;

import io.bayesfuse.avro.Estimate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a datum in Avro binary, with a {@link SpecificDatumWriter} for generated classes (so
 * their logical-type conversions apply; arrays of doubles written without boxing: {@link PrimitiveArraysWriter};
 * estimates by {@link EstimateWriter}) and a {@link GenericDatumWriter} otherwise. Writers are
 * cached per class or schema.
 */
final class DatumWriters {

    /** A generated class's writer, with the schema it was made for. */
    private record SpecificWriter(Schema schema, DatumWriter<Object> writer) {
    }

    private final Map<Class<?>, SpecificWriter> specific = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> generic = new ConcurrentHashMap<>();

    void write(Object datum, Schema schema, OutputStream out) {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writerFor(datum, schema).write(datum instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The filter stage's estimates by {@link EstimateWriter} while it fits their schema, every other record by Avro's writer. */
    private static DatumWriter<Object> specificWriter(Class<?> type, Schema schema) {
        if (type == Estimate.class && EstimateWriter.fits(schema)) {
            return new EstimateWriter();
        }
        return new PrimitiveArraysWriter<>(schema, SpecificData.getForClass(type));
    }

    private DatumWriter<Object> writerFor(Object datum, Schema schema) {
        // looked up by the datum's class first: cheaper per record than an instanceof test on an interface
        SpecificWriter known = specific.get(datum.getClass());
        if (known != null && known.schema() == schema) {
            return known.writer();
        }
        if (datum instanceof SpecificRecord && ((SpecificRecord) datum).getSchema() == schema) {
            return specific.computeIfAbsent(datum.getClass(), type -> new SpecificWriter(schema, specificWriter(type, schema))).writer();
        }
        return generic.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
    }
}
