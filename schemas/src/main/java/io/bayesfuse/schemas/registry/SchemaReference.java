package io.bayesfuse.schemas.registry;

import java.util.Objects;

/**
 * A schema reference as Confluent's registry has them: the schema names the Avro type {@code name}
 * without defining it, and {@code version} of {@code subject} is where that type is defined. The
 * registry parses the referenced schemas (and theirs, recursively) before the schema itself, so
 * its names resolve.
 *
 * <p>{@code version} is 1 or more, or -1 in a request for "the latest version", which the
 * registry replaces by the number it found when it registers the schema.
 */
public record SchemaReference(String name, String subject, int version) {

    /** The version number meaning "the subject's latest version" in a request. */
    public static final int LATEST = -1;

    public SchemaReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        if (name.isBlank() || subject.isBlank()) {
            throw new IllegalArgumentException("a schema reference needs a name and a subject, got name '" + name
                    + "' and subject '" + subject + "'");
        }
        if (version < 1 && version != LATEST) {
            throw new IllegalArgumentException("schema reference '" + name + "': version " + version
                    + " is not a version (1 and up, or -1 for the latest)");
        }
    }

    @Override
    public String toString() {
        return "'" + name + "' (subject '" + subject + "', version " + (version == LATEST ? "latest" : version) + ")";
    }
}
