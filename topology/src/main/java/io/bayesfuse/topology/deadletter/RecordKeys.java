package io.bayesfuse.topology.deadletter;

/** How messages name a record's key: a record without one has no key, not a key 'null'. */
public final class RecordKeys {

    private RecordKeys() {
    }

    /** {@code key 'k'}, or {@code no key} for a record without one. */
    public static String describe(String key) {
        return key == null ? "no key" : "key '" + key + "'";
    }
}
