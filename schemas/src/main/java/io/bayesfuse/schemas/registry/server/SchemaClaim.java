package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.SchemaReference;

import java.util.List;
import java.util.Objects;

/**
 * A claim that {@code version} of {@code subject} is {@code schema} (canonical Avro text, whose
 * undefined names {@code references} resolve) under the global {@code id}. A claim is accepted
 * only if it agrees with everything already accepted (see {@link RegistryState#apply}), so
 * concurrent writers that raced for the same id or version resolve to the first claim in log order.
 */
public record SchemaClaim(String subject, int version, int id, String schema, List<SchemaReference> references)
        implements RegistryRecord {

    public SchemaClaim {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        references = List.copyOf(references);
        if (version < 1 || id < 1) {
            throw new IllegalArgumentException("version and id start at 1, got version " + version + " and id " + id);
        }
        if (references.stream().anyMatch(r -> r.version() == SchemaReference.LATEST)) {
            throw new IllegalArgumentException("a stored reference names its version: " + references);
        }
    }

    /** A claim of a schema without references. */
    public SchemaClaim(String subject, int version, int id, String schema) {
        this(subject, version, id, schema, List.of());
    }

    SchemaDefinition definition() {
        return new SchemaDefinition(schema, references);
    }
}
