package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.SchemaReference;

import java.util.List;

/**
 * One version of a subject as the registry holds it; {@code schema} is the canonical Avro text,
 * whose undefined names {@code references} resolve.
 */
public record StoredVersion(String subject, int version, int id, String schema, List<SchemaReference> references,
                            boolean deleted) {

    public StoredVersion {
        references = List.copyOf(references);
    }

    SchemaDefinition definition() {
        return new SchemaDefinition(schema, references);
    }

    StoredVersion softDeleted() {
        return new StoredVersion(subject, version, id, schema, references, true);
    }
}
