package io.bayesfuse.topology.config;

/**
 * What a detected change does ({@code sensors.<id>.changepoint.action.type}): nothing, inflate the
 * sensor's R for a while, or reset the entities the sensor measured since the change began.
 * <p>The configuration keeps the name as written; code that acts on it asks this enum, never compares strings.
 */
public enum ChangepointActionType implements SettingValue {
    NONE,
    INFLATE_R,
    RESET_ENTITIES;

    /** The value named {@code id}, or null when none has that name (or it is null). */
    public static ChangepointActionType of(String id) {
        return SettingValue.of(ChangepointActionType.class, id);
    }

    @Override
    public String toString() {
        return id();
    }
}
