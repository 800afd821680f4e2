package io.bayesfuse.topology.config;

/**
 * Whether and how a sensor's R is learned online ({@code sensors.<id>.adaptation.type}): not at all,
 * an inverse-Gamma per component (diagonal), or an inverse-Wishart (full).
 * <p>The configuration keeps the name as written; code that acts on it asks this enum, never compares strings.
 */
public enum AdaptationStructure implements SettingValue {
    OFF,
    DIAGONAL,
    FULL;

    /** The value named {@code id}, or null when none has that name (or it is null). */
    public static AdaptationStructure of(String id) {
        return SettingValue.of(AdaptationStructure.class, id);
    }

    @Override
    public String toString() {
        return id();
    }
}
