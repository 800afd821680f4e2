package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * The built-in measurement models a sensor names ({@code sensors.<id>.measurement.type}); an
 * extension's type is none of them. The configuration keeps the name as written; code that acts on
 * the type asks this enum, never compares strings.
 */
public enum MeasurementType implements SettingValue {
    POSITION,
    RANGE_BEARING,
    RANGE_BEARING_ELEVATION,
    LINEAR,
    STATE_EVIDENCE;

    /** The type named {@code id}, or null when no built-in type has that name (or it is null). */
    public static MeasurementType of(String id) {
        return SettingValue.of(MeasurementType.class, id);
    }

    /** Every configuration name, in declaration order. */
    public static Set<String> ids() {
        return SettingValue.ids(MeasurementType.class);
    }

    @Override
    public String toString() {
        return id();
    }
}
