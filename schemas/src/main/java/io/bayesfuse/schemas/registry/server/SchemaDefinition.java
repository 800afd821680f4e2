package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.SchemaReference;

import java.util.List;
import java.util.Objects;

/**
 * What a schema id stands for: the canonical Avro text and the references that resolve the names
 * it uses without defining them. Two registrations are the same schema (and get the same id) only
 * when both agree.
 */
public record SchemaDefinition(String schema, List<SchemaReference> references) {

    public SchemaDefinition {
        Objects.requireNonNull(schema, "schema");
        references = List.copyOf(references);
    }

    /** A schema that defines every type it uses. */
    public static SchemaDefinition of(String schema) {
        return new SchemaDefinition(schema, List.of());
    }

    /** Whether one of the references names this version of this subject. */
    boolean references(String subject, int version) {
        return references.stream().anyMatch(r -> r.subject().equals(subject) && r.version() == version);
    }
}
