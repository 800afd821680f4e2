package io.bayesfuse.topology.filtering;

/**
 * The keys of the entity schedule store. A key-value store orders keys by their UTF-8 bytes, so
 * the keys are strings that sort the way the schedule is scanned:
 * <pre>
 * due entry:        16 hex digits of the time the entity is due (sign bit flipped, so they sort
 *                   as numbers), U+0000, entity id                        → empty value
 * predicted-through: "~p", U+0000, entity id                              → 8 bytes: the newest tick
 *                   the entity may no longer be predicted at
 * settings:         "~settings"                                           → UTF-8 text of the
 *                   settings the due times were computed with
 * </pre>
 * Hex digits are {@code 0-9a-f}; every other key begins with '~', which sorts after them, so a
 * range scan of due entries never meets the others. The entity id is whatever follows the fixed
 * 17-character prefix, so ids may hold any character.
 */
public final class ScheduleKeys {

    static final char SEPARATOR = '\u0000';
    static final String SETTINGS = "~settings";
    /** Every due entry sorts before this key. */
    static final String AFTER_DUE_ENTRIES = "~";
    private static final String PREDICTED = "~p" + SEPARATOR;
    private static final int DIGITS = 16;

    private ScheduleKeys() {
    }

    /** The key of an entity's due entry. */
    public static String due(long time, String entityId) {
        return digits(time) + SEPARATOR + entityId;
    }

    /** The largest key of any due entry whose time is at or before {@code time} (for an inclusive range scan). */
    static String dueAtOrBefore(long time) {
        return digits(time) + '\u0001';
    }

    /** The key of an entity's predicted-through time. */
    static String predicted(String entityId) {
        return PREDICTED + entityId;
    }

    /** A due entry read back. */
    record Due(long time, String entityId) {
    }

    /** @throws IllegalArgumentException when {@code key} is not a due entry's key */
    static Due parseDue(String key) {
        if (key.length() <= DIGITS || key.charAt(DIGITS) != SEPARATOR) {
            throw new IllegalArgumentException("not a due entry of the entity schedule: " + key.replace(SEPARATOR, '|'));
        }
        long time = Long.parseUnsignedLong(key.substring(0, DIGITS), 16) ^ Long.MIN_VALUE;
        return new Due(time, key.substring(DIGITS + 1));
    }

    private static String digits(long time) {
        String hex = Long.toHexString(time ^ Long.MIN_VALUE);
        return "0".repeat(DIGITS - hex.length()) + hex;
    }
}
