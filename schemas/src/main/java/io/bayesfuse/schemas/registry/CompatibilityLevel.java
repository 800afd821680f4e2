package io.bayesfuse.schemas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Confluent compatibility levels. BACKWARD: a consumer using the new schema reads data written
 * with the previous one. FORWARD: a consumer using the previous schema reads data written with the
 * new one. FULL: both. The _TRANSITIVE forms check against every earlier live version, the others
 * against the latest only.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether the new schema must read data written with earlier schemas. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether earlier schemas must read data written with the new schema. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether the check covers every earlier version rather than the latest only. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level name as the Confluent API spells it (case is ignored).
     *
     * @throws IllegalArgumentException naming the input and the accepted names
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(upper)) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("compatibility level '" + name + "' is not one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
