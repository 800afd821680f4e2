package io.bayesfuse.schemas.registry.server;

import java.util.Objects;

/**
 * A claim that {@code version} of {@code subject} is {@code schema} (canonical Avro text) under the
 * global {@code id}. A claim is accepted only if it agrees with everything already accepted
 * (see {@link RegistryState#apply}), so concurrent writers that raced for the same id or version
 * resolve to the first claim in log order.
 */
public record SchemaClaim(String subject, int version, int id, String schema) implements RegistryRecord {

    public SchemaClaim {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1 || id < 1) {
            throw new IllegalArgumentException("version and id start at 1, got version " + version + " and id " + id);
        }
    }
}
