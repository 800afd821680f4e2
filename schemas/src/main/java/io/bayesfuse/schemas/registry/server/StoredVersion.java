package io.bayesfuse.schemas.registry.server;

/** One version of a subject as the registry holds it; {@code schema} is the canonical Avro text. */
public record StoredVersion(String subject, int version, int id, String schema, boolean deleted) {

    StoredVersion softDeleted() {
        return new StoredVersion(subject, version, id, schema, true);
    }
}
