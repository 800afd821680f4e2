package io.bayesfuse.schemas.registry;

import org.apache.avro.Schema;

import java.util.Objects;

/** One version of a subject as the registry reports it: subject, version, global id and schema. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
