package io.bayesfuse.topology.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The built-in motion models a configuration names ({@code motionModels.<id>.type}); an
 * extension's type is none of them. The configuration keeps the name as written; code that acts on
 * the type asks this enum, never compares strings.
 */
public enum MotionModelType {
    CONSTANT_VELOCITY("constant-velocity"),
    CONSTANT_ACCELERATION("constant-acceleration"),
    RANDOM_WALK("random-walk"),
    LINEAR("linear"),
    COORDINATED_TURN("coordinated-turn");

    private final String id;

    MotionModelType(String id) {
        this.id = id;
    }

    /** The name in configuration files. */
    public String id() {
        return id;
    }

    /** The type named {@code id}, or null when no built-in type has that name (or it is null). */
    public static MotionModelType of(String id) {
        for (MotionModelType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** Every configuration name, in declaration order. */
    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (MotionModelType t : values()) {
            ids.add(t.id);
        }
        return Collections.unmodifiableSet(ids);
    }

    @Override
    public String toString() {
        return id;
    }
}
