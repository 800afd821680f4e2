package io.bayesfuse.topology.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The process noise of a kinematic motion model ({@code motionModels.<id>.processNoise.type}). The
 * configuration keeps the name as written; code that acts on the type asks this enum, never
 * compares strings.
 */
public enum ProcessNoiseType {
    CONTINUOUS_WHITE_NOISE("continuous-white-noise"),
    DISCRETE_WHITE_NOISE("discrete-white-noise");

    private final String id;

    ProcessNoiseType(String id) {
        this.id = id;
    }

    /** The name in configuration files. */
    public String id() {
        return id;
    }

    /** The type named {@code id}, or null when no built-in type has that name (or it is null). */
    public static ProcessNoiseType of(String id) {
        for (ProcessNoiseType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** Every configuration name, in declaration order. */
    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (ProcessNoiseType t : values()) {
            ids.add(t.id);
        }
        return Collections.unmodifiableSet(ids);
    }

    @Override
    public String toString() {
        return id;
    }
}
