package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * The built-in motion models a configuration names ({@code motionModels.<id>.type}); an
 * extension's type is none of them. The configuration keeps the name as written; code that acts on
 * the type asks this enum, never compares strings.
 */
public enum MotionModelType implements SettingValue {
    CONSTANT_VELOCITY,
    CONSTANT_ACCELERATION,
    RANDOM_WALK,
    LINEAR,
    COORDINATED_TURN;

    /** The type named {@code id}, or null when no built-in type has that name (or it is null). */
    public static MotionModelType of(String id) {
        return SettingValue.of(MotionModelType.class, id);
    }

    /** Every configuration name, in declaration order. */
    public static Set<String> ids() {
        return SettingValue.ids(MotionModelType.class);
    }

    @Override
    public String toString() {
        return id();
    }
}
