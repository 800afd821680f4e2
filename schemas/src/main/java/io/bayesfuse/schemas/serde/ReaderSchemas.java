package io.bayesfuse.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

import java.util.Optional;

/**
 * Chooses how a writer schema is read: as generic data in the writer's own schema, or into a
 * generated class, whose schema is the reader schema (Avro resolves writer to reader: added
 * fields take their defaults, removed ones are skipped, promotions apply).
 */
final class ReaderSchemas {

    private final boolean specific;
    private final Optional<Class<?>> specificType;

    private ReaderSchemas(boolean specific, Optional<Class<?>> specificType) {
        this.specific = specific;
        this.specificType = specificType;
    }

    /** Generic data in the writer's schema. */
    static ReaderSchemas generic() {
        return new ReaderSchemas(false, Optional.empty());
    }

    /** Generated classes: the given one, or the one named by the writer schema when empty. */
    static ReaderSchemas specific(Optional<Class<?>> type) {
        return new ReaderSchemas(true, type);
    }

    DatumReader<Object> readerFor(Schema writer, int schemaId, String where) {
        if (!specific) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        if (specificType.isPresent()) {
            return into(writer, specificType.get());
        }
        if (!isNamed(writer)) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Class<?> type = GeneratedClassData.generatedRecordNamed(writer, ReaderSchemas.class.getClassLoader())
                .orElseThrow(() -> new AvroSerdeException(where + ", schema id " + schemaId + ": specific reading is on "
                        + "but no generated record class '" + SpecificData.getClassName(writer) + "' is on the classpath "
                        + "(set specific.avro.value.type / specific.avro.key.type to read into another class)"));
        return into(writer, type);
    }

    private static DatumReader<Object> into(Schema writer, Class<?> type) {
        SpecificData data = GeneratedClassData.forClass(type);
        return new SpecificDatumReader<>(writer, data.getSchema(type), data);
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }
}
