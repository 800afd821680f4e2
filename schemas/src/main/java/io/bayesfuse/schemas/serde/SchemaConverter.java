package io.bayesfuse.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Converts a datum to another schema by Avro schema resolution (as a reader with the target schema
 * would see it): used by {@code use.latest.version} when the subject's latest schema is not the
 * record's own. The target must be able to read the source; otherwise the conversion is refused,
 * naming the differences.
 */
final class SchemaConverter {

    private record Pair(Schema from, Schema to) { }

    private final DatumWriters writers;
    private final Map<Pair, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    SchemaConverter(DatumWriters writers) {
        this.writers = writers;
    }

    Object convert(Object datum, Schema from, Schema to, String where) {
        GenericDatumReader<Object> reader = readers.computeIfAbsent(new Pair(from, to), pair -> readerFor(pair, where));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writers.write(datum, from, out);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new AvroSerdeException(where + ": cannot convert the record to the latest registered schema: " + e, e);
        }
    }

    private static GenericDatumReader<Object> readerFor(Pair pair, String where) {
        SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(pair.to(), pair.from());
        if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new AvroSerdeException(where + ": use.latest.version is set but the latest registered schema cannot "
                    + "read the record's schema: " + check.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return new GenericDatumReader<>(pair.from(), pair.to(), GenericData.get());
    }
}
