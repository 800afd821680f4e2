package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;

import java.util.Objects;
import java.util.Optional;

/**
 * Sets or removes a compatibility level: the global one when {@code subject} is empty, else that
 * subject's own. An empty {@code level} removes the setting (a subject then follows the global level).
 */
public record CompatibilityChange(Optional<String> subject, Optional<CompatibilityLevel> level) implements RegistryRecord {

    public CompatibilityChange {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(level, "level");
    }
}
