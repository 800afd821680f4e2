package io.bayesfuse.topology.config;

/**
 * What a sensor's changepoint detector watches ({@code sensors.<id>.changepoint.model}): the filter's
 * normalised innovations (a Normal-Inverse-Wishart model) or one raw measurement component (a
 * Normal-Gamma model).
 * <p>The configuration keeps the name as written; code that acts on it asks this enum, never compares strings.
 */
public enum ChangepointModel implements SettingValue {
    INNOVATIONS,
    CHANNEL;

    /** The value named {@code id}, or null when none has that name (or it is null). */
    public static ChangepointModel of(String id) {
        return SettingValue.of(ChangepointModel.class, id);
    }

    @Override
    public String toString() {
        return id();
    }
}
