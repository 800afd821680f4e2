package io.bayesfuse.schemas.registry.server;

import java.util.Objects;

/**
 * Deletes a version of a subject: softly (hidden, still readable with {@code deleted=true}) or
 * permanently (gone; its id still resolves to the schema and its version number is not reused).
 */
public record VersionDeletion(String subject, int version, boolean permanent) implements RegistryRecord {

    public VersionDeletion {
        Objects.requireNonNull(subject, "subject");
    }
}
