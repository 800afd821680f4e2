package io.bayesfuse.topology.config;

/**
 * How confirmed tracks take detections ({@code tracking.association}): global nearest neighbour, or
 * joint probabilistic data association.
 * <p>The configuration keeps the name as written; code that acts on it asks this enum, never compares strings.
 */
public enum AssociationType implements SettingValue {
    GNN,
    JPDA;

    /** The value named {@code id}, or null when none has that name (or it is null). */
    public static AssociationType of(String id) {
        return SettingValue.of(AssociationType.class, id);
    }

    @Override
    public String toString() {
        return id();
    }
}
