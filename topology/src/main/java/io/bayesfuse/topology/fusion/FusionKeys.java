package io.bayesfuse.topology.fusion;

/**
 * The keys of the fusion stage's stores. Keys are strings whose UTF-8 bytes sort the way the
 * stage needs to scan them (a key-value store orders keys by their bytes):
 * <pre>
 * quantity store: the fusion key (a quantity id, or a chunk's key)
 * source store:   fusion key, U+0000, source id          — a prefix scan finds a quantity's sources,
 *                                                          in canonical (code point) order
 * expiry store:   16 hex digits of the deadline (sign bit flipped, so that they sort as numbers),
 *                 U+0000, fusion key, U+0000, source id   — a range scan finds what is due
 * </pre>
 * Ids may not contain control characters (checked on input), so U+0000 separates unambiguously.
 */
public final class FusionKeys {

    static final char SEPARATOR = '\u0000';

    private FusionKeys() {
    }

    /** The key of a source's record. */
    public static String source(String fusionKey, String sourceId) {
        return fusionKey + SEPARATOR + sourceId;
    }

    /** The prefix of every source record of a fusion key. */
    public static String sourcePrefix(String fusionKey) {
        return fusionKey + SEPARATOR;
    }

    /** The source id of a source record's key. */
    static String sourceOf(String sourceKey, String fusionKey) {
        return sourceKey.substring(fusionKey.length() + 1);
    }

    /** The key of an expiry entry. */
    static String expiry(long deadline, String fusionKey, String sourceId) {
        return deadlineDigits(deadline) + SEPARATOR + fusionKey + SEPARATOR + sourceId;
    }

    /** The largest key of an entry whose deadline is before {@code time} (for an inclusive range scan). */
    static String expiryBefore(long time) {
        return deadlineDigits(time - 1) + '\u0001';
    }

    /** An expiry entry read back. */
    record Expiry(long deadline, String fusionKey, String sourceId) {
    }

    static Expiry parseExpiry(String key) {
        int first = key.indexOf(SEPARATOR);
        int last = key.lastIndexOf(SEPARATOR);
        if (first != 16 || last <= first) {
            throw new IllegalArgumentException("not an expiry key: " + key.replace(SEPARATOR, '|'));
        }
        long deadline = Long.parseUnsignedLong(key.substring(0, 16), 16) ^ Long.MIN_VALUE;
        return new Expiry(deadline, key.substring(first + 1, last), key.substring(last + 1));
    }

    /** The time a source heard at {@code heardAt} expires under {@code ttlMillis} (saturating). */
    static long deadline(long heardAt, long ttlMillis) {
        long d = heardAt + ttlMillis;
        return ((heardAt ^ d) & (ttlMillis ^ d)) < 0 ? Long.MAX_VALUE : d;
    }

    /** True when the id is usable in keys: no control characters. */
    static boolean isUsableId(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String deadlineDigits(long deadline) {
        String hex = Long.toHexString(deadline ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
