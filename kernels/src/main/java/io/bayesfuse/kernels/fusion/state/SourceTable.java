package io.bayesfuse.kernels.fusion.state;

import java.util.Comparator;
import java.util.function.Consumer;

/**
 * Where a quantity's {@link SourceRecord}s are kept, one per source: in memory
 * ({@link InMemorySourceTable}) for the offline commands and tests, a key-value store in the stream.
 * Only {@link io.bayesfuse.kernels.fusion.state.VersionedFusion} writes to it.
 */
public interface SourceTable {

    /**
     * The canonical order of source ids: by Unicode code point, which is also the byte order of
     * their UTF-8 encodings (the order of a key-value store's keys).
     */
    Comparator<String> ORDER = SourceTable::compareCodePoints;

    /** The source's record, or null when nothing is known of it. */
    SourceRecord get(String sourceId);

    void put(SourceRecord record);

    void remove(String sourceId);

    /** Visits every record, contributing and retracted, in {@link #ORDER}. */
    void forEach(Consumer<SourceRecord> action);

    /**
     * Code-point order. Up to the first differing char the two ids have the same code points; when
     * neither char there is a surrogate, both are whole code points of the basic plane and their
     * char values compare as the code points do. Only a surrogate there needs the code-point walk.
     * (Every fusion header lists up to a hundred sources and is decoded per update: this comparison
     * was 4 % of a fusion profile's samples with the walk alone.)
     */
    private static int compareCodePoints(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int k = 0; k < common; k++) {
            char ca = a.charAt(k);
            char cb = b.charAt(k);
            if (ca != cb) {
                return Character.isSurrogate(ca) || Character.isSurrogate(cb) ? walkCodePoints(a, b) : Integer.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int walkCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
