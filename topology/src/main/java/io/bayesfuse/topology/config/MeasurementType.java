package io.bayesfuse.topology.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The built-in measurement models a sensor names ({@code sensors.<id>.measurement.type}); an
 * extension's type is none of them. The configuration keeps the name as written; code that acts on
 * the type asks this enum, never compares strings.
 */
public enum MeasurementType {
    POSITION("position"),
    RANGE_BEARING("range-bearing"),
    RANGE_BEARING_ELEVATION("range-bearing-elevation"),
    LINEAR("linear"),
    STATE_EVIDENCE("state-evidence");

    private final String id;

    MeasurementType(String id) {
        this.id = id;
    }

    /** The name in configuration files. */
    public String id() {
        return id;
    }

    /** The type named {@code id}, or null when no built-in type has that name (or it is null). */
    public static MeasurementType of(String id) {
        for (MeasurementType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** Every configuration name, in declaration order. */
    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (MeasurementType t : values()) {
            ids.add(t.id);
        }
        return Collections.unmodifiableSet(ids);
    }

    @Override
    public String toString() {
        return id;
    }
}
