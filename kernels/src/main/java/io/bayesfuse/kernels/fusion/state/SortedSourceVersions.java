package io.bayesfuse.kernels.fusion.state;

import java.nio.charset.StandardCharsets;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Source ids and their versions in {@link SourceTable#ORDER} (a header's listing, as read from
 * its stored form or copied from a fusion): a read-only sorted map over two arrays. It is cheap to
 * read into and to copy out of: {@code new TreeMap<>(this)} (and
 * {@code putAll} into an empty tree with the same comparator) builds the tree from sorted input in
 * linear time, without comparing ids, where putting the entries one by one costs O(n log n)
 * comparisons. A header lists up to a hundred sources and is read on every update. A fusion keeps
 * its listing in this form too, replacing it on every change ({@link #with}, {@link #without}: a
 * copy of two short arrays), so that a header shares it instead of copying it.
 *
 * <p>It also keeps each id's UTF-8 bytes ({@link #utf8Id}), made once when the id joins a listing and
 * shared by the listings made from it, and its entries' bytes as the header's codec and the fused
 * posterior's Avro map write them ({@link #encodedEntries}), carried from a listing to the next when
 * one version changes: both are written on every update, and encoding a hundred ids and versions
 * cost more than the rest of writing the header.
 */
public final class SortedSourceVersions extends AbstractMap<String, Long> implements SortedMap<String, Long> {

    /** How an id's byte length is written before it in {@link #encodedEntries}. */
    public enum IdLength {
        /** An unsigned varint (bayesfuse's state codec). */
        UNSIGNED_VARINT,
        /** A zig-zag varint: an Avro string's length, so that the entries are those of an Avro {@code map<long>}. */
        ZIG_ZAG_VARINT
    }

    private final String[] ids;
    private final byte[][] utf8Ids;   // ids[i] in UTF-8; never changed once made
    private final long[] versions;
    /** The entries' bytes by id length, made when first asked for and carried over by {@link #with} (a version replaced). */
    private final EncodedEntries[] encoded = new EncodedEntries[IdLength.values().length];

    /**
     * @param ids      strictly ascending in {@link SourceTable#ORDER} (the caller checks)
     * @param versions the version of each id
     */
    public SortedSourceVersions(String[] ids, long[] versions) {
        this(ids, utf8(ids), versions);
    }

    private SortedSourceVersions(String[] ids, byte[][] utf8Ids, long[] versions) {
        if (ids.length != versions.length) {
            throw new IllegalArgumentException(ids.length + " source ids but " + versions.length + " versions");
        }
        this.ids = ids;
        this.utf8Ids = utf8Ids;
        this.versions = versions;
    }

    private static byte[][] utf8(String[] ids) {
        byte[][] bytes = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            bytes[i] = ids[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /** The i-th id in order. */
    public String id(int i) {
        return ids[i];
    }

    /** The i-th id's UTF-8 bytes (shared: not to be changed). */
    public byte[] utf8Id(int i) {
        return utf8Ids[i];
    }

    /**
     * Every entry in order as bytes: the id's UTF-8 length (as {@code length} says), its UTF-8 bytes and
     * its version as a zig-zag varint. Made once per listing; a listing made by {@link #with} from one
     * whose bytes were made gets its own by replacing one entry, so that writing a listing that changes
     * by one version per update costs two array copies, not an encoding of every id and version.
     *
     * @return the bytes (shared: not to be changed)
     */
    public byte[] encodedEntries(IdLength length) {
        EncodedEntries known = encoded[length.ordinal()];
        if (known == null) {
            known = EncodedEntries.of(utf8Ids, versions, length);
            encoded[length.ordinal()] = known;
        }
        return known.bytes();
    }

    /** The i-th id's version. */
    public long version(int i) {
        return versions[i];
    }

    /** The entries of {@code sources} in {@link SourceTable#ORDER} (sorted again when the map has another order). */
    static SortedSourceVersions copyOf(Map<String, Long> sources) {
        if (sources instanceof SortedSourceVersions same) {
            return same;
        }
        Map<String, Long> ordered = sources;
        if (!(sources instanceof SortedMap<String, Long> sorted) || !Objects.equals(sorted.comparator(), SourceTable.ORDER)) {
            TreeMap<String, Long> tree = new TreeMap<>(SourceTable.ORDER);
            tree.putAll(sources);
            ordered = tree;
        }
        String[] ids = new String[ordered.size()];
        long[] versions = new long[ids.length];
        int i = 0;
        for (Entry<String, Long> e : ordered.entrySet()) {
            ids[i] = Objects.requireNonNull(e.getKey(), "source id");
            versions[i] = Objects.requireNonNull(e.getValue(), "version");
            i++;
        }
        return new SortedSourceVersions(ids, versions);
    }

    /** No sources. */
    static SortedSourceVersions empty() {
        return EMPTY;
    }

    private static final SortedSourceVersions EMPTY = new SortedSourceVersions(new String[0], new long[0]);

    /**
     * This listing with {@code id} at {@code version} (added, or its version replaced): a new listing,
     * O(n) array copies and no comparisons beyond a binary search. This one is left as it is.
     */
    SortedSourceVersions with(String id, long version) {
        int i = Arrays.binarySearch(ids, java.util.Objects.requireNonNull(id, "source id"), SourceTable.ORDER);
        if (i >= 0) {
            long[] replaced = versions.clone();
            replaced[i] = version;
            SortedSourceVersions next = new SortedSourceVersions(ids, utf8Ids, replaced); // the ids are never changed: shared
            for (IdLength length : IdLength.values()) {
                EncodedEntries known = encoded[length.ordinal()];
                if (known != null) {
                    next.encoded[length.ordinal()] = known.withVersion(i, utf8Ids[i], version, length);
                }
            }
            return next;
        }
        int at = -i - 1;
        String[] moreIds = new String[ids.length + 1];
        byte[][] moreUtf8 = new byte[ids.length + 1][];
        long[] moreVersions = new long[ids.length + 1];
        System.arraycopy(ids, 0, moreIds, 0, at);
        System.arraycopy(utf8Ids, 0, moreUtf8, 0, at);
        System.arraycopy(versions, 0, moreVersions, 0, at);
        moreIds[at] = id;
        moreUtf8[at] = id.getBytes(StandardCharsets.UTF_8);
        moreVersions[at] = version;
        System.arraycopy(ids, at, moreIds, at + 1, ids.length - at);
        System.arraycopy(utf8Ids, at, moreUtf8, at + 1, ids.length - at);
        System.arraycopy(versions, at, moreVersions, at + 1, ids.length - at);
        return new SortedSourceVersions(moreIds, moreUtf8, moreVersions);
    }

    /** This listing without {@code id} (itself when {@code id} is not listed). This one is left as it is. */
    SortedSourceVersions without(String id) {
        int i = indexOf(id);
        if (i < 0) {
            return this;
        }
        String[] fewerIds = new String[ids.length - 1];
        byte[][] fewerUtf8 = new byte[ids.length - 1][];
        long[] fewerVersions = new long[ids.length - 1];
        System.arraycopy(ids, 0, fewerIds, 0, i);
        System.arraycopy(utf8Ids, 0, fewerUtf8, 0, i);
        System.arraycopy(versions, 0, fewerVersions, 0, i);
        System.arraycopy(ids, i + 1, fewerIds, i, ids.length - i - 1);
        System.arraycopy(utf8Ids, i + 1, fewerUtf8, i, ids.length - i - 1);
        System.arraycopy(versions, i + 1, fewerVersions, i, ids.length - i - 1);
        return new SortedSourceVersions(fewerIds, fewerUtf8, fewerVersions);
    }

    @Override
    public Long get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : versions[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String id)) {
            return -1;
        }
        int i = Arrays.binarySearch(ids, id, SourceTable.ORDER);
        return i < 0 ? -1 : i;
    }

    @Override
    public Comparator<? super String> comparator() {
        return SourceTable.ORDER;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < ids.length;
                    }

                    @Override
                    public Entry<String, Long> next() {
                        if (next >= ids.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Long> e = new SimpleImmutableEntry<>(ids[next], versions[next]);
                        next++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }

    @Override
    public String firstKey() {
        if (ids.length == 0) {
            throw new NoSuchElementException("no sources listed");
        }
        return ids[0];
    }

    @Override
    public String lastKey() {
        if (ids.length == 0) {
            throw new NoSuchElementException("no sources listed");
        }
        return ids[ids.length - 1];
    }

    // views are rarely wanted: they come from a tree copy (built in linear time)
    @Override
    public SortedMap<String, Long> subMap(String fromKey, String toKey) {
        return new TreeMap<>(this).subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, Long> headMap(String toKey) {
        return new TreeMap<>(this).headMap(toKey);
    }

    @Override
    public SortedMap<String, Long> tailMap(String fromKey) {
        return new TreeMap<>(this).tailMap(fromKey);
    }
}
