package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * The process noise of a kinematic motion model ({@code motionModels.<id>.processNoise.type}). The
 * configuration keeps the name as written; code that acts on the type asks this enum, never
 * compares strings.
 */
public enum ProcessNoiseType implements SettingValue {
    CONTINUOUS_WHITE_NOISE,
    DISCRETE_WHITE_NOISE;

    /** The type named {@code id}, or null when no built-in type has that name (or it is null). */
    public static ProcessNoiseType of(String id) {
        return SettingValue.of(ProcessNoiseType.class, id);
    }

    /** Every configuration name, in declaration order. */
    public static Set<String> ids() {
        return SettingValue.ids(ProcessNoiseType.class);
    }

    @Override
    public String toString() {
        return id();
    }
}
