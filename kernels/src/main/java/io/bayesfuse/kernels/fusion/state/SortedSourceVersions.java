package io.bayesfuse.kernels.fusion.state;

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
 * comparisons. A header lists up to a hundred sources and is read on every update.
 */
final class SortedSourceVersions extends AbstractMap<String, Long> implements SortedMap<String, Long> {

    private final String[] ids;
    private final long[] versions;

    /**
     * @param ids      strictly ascending in {@link SourceTable#ORDER} (the caller checks)
     * @param versions the version of each id
     */
    SortedSourceVersions(String[] ids, long[] versions) {
        if (ids.length != versions.length) {
            throw new IllegalArgumentException(ids.length + " source ids but " + versions.length + " versions");
        }
        this.ids = ids;
        this.versions = versions;
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
