package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fusion tree of a set of sub-posteriors: a radix (Patricia) tree over the leaves' content
 * hashes, {@code branching} = 2ᵏ children at most per node, chains of single children collapsed.
 * <ul>
 * <li>It is a function of the set of sub-posteriors alone — not of their sources' names, nor of
 *     the order they came in — so a fusion over it is too (renaming or reordering sources changes
 *     nothing; retracting one gives the tree that never had it).</li>
 * <li>Hashes are uniform, so the tree is balanced in expectation: depth about log₂K for K leaves.</li>
 * <li>Adding, replacing or removing one leaf changes only the nodes on its path from the root:
 *     every other node, and its hash, stays — so a fusion that keeps each node's draws by the node's
 *     hash redoes O(log K) node fusions per update.</li>
 * </ul>
 * A node's hash combines its children's hashes in order; a leaf's is its content hash. Identical
 * sub-posteriors (equal hashes) are children of one node. {@code branching} 0 makes one node of all
 * the leaves (one-shot Monte Carlo Fusion).
 */
final class FusionTree {

    /** A node of the tree. */
    sealed interface Node {
        long hash();

        /** The sub-posteriors below the node (itself for a leaf), in tree order. */
        List<MixtureLeaf> leaves();
    }

    record Leaf(MixtureLeaf leaf) implements Node {
        @Override
        public long hash() {
            return leaf.contentHash();
        }

        @Override
        public List<MixtureLeaf> leaves() {
            return List.of(leaf);
        }
    }

    record Inner(long hash, List<Node> children, List<MixtureLeaf> leaves) implements Node {
    }

    private static final long INNER = 0x7472656e6f646521L;

    private FusionTree() {
    }

    /** Orders leaves by unsigned content hash, ties (a hash collision) by their numbers. */
    static final Comparator<MixtureLeaf> ORDER = (x, y) -> {
        int c = Long.compareUnsigned(x.contentHash(), y.contentHash());
        if (c != 0) {
            return c;
        }
        double[][] ax = x.toArrays();
        double[][] ay = y.toArrays();
        for (int i = 0; i < ax.length; i++) {
            int e = Arrays.compare(ax[i], ay[i]);
            if (e != 0) {
                return e;
            }
        }
        return 0;
    };

    /**
     * The tree of {@code leaves} (any order), or null when there are none.
     *
     * @param branching 2, 4, 8 or 16 children at most per node; 0 for a single node of all leaves
     */
    static Node build(List<MixtureLeaf> leaves, int branching) {
        if (leaves.isEmpty()) {
            return null;
        }
        List<MixtureLeaf> sorted = new ArrayList<>(leaves);
        sorted.sort(ORDER);
        if (branching == 0) {
            if (sorted.size() == 1) {
                return new Leaf(sorted.get(0));
            }
            List<Node> children = new ArrayList<>();
            for (MixtureLeaf leaf : sorted) {
                children.add(new Leaf(leaf));
            }
            return inner(children);
        }
        int bits = Integer.numberOfTrailingZeros(branching);
        if (branching < 2 || Integer.bitCount(branching) != 1 || bits > 4) {
            throw new IllegalArgumentException("branching must be 0, 2, 4, 8 or 16, got " + branching);
        }
        return build(sorted, 0, sorted.size(), bits);
    }

    private static Node build(List<MixtureLeaf> sorted, int from, int to, int bits) {
        if (to - from == 1) {
            return new Leaf(sorted.get(from));
        }
        long first = sorted.get(from).contentHash();
        long last = sorted.get(to - 1).contentHash();
        List<Node> children = new ArrayList<>();
        if (first == last) {
            for (int i = from; i < to; i++) {
                children.add(new Leaf(sorted.get(i)));
            }
            return inner(children);
        }
        // the first digit (bits wide, from the most significant end) where the hashes differ
        int highest = 63 - Long.numberOfLeadingZeros(first ^ last);
        int digit = (63 - highest) / bits;
        int shift = Math.max(0, 64 - bits * (digit + 1));
        long mask = (1L << Math.min(bits, 64 - bits * digit)) - 1;
        int groupStart = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || ((sorted.get(i).contentHash() >>> shift) & mask)
                    != ((sorted.get(groupStart).contentHash() >>> shift) & mask)) {
                children.add(build(sorted, groupStart, i, bits));
                groupStart = i;
            }
        }
        return inner(children);
    }

    private static Inner inner(List<Node> children) {
        long h = SplitMix64.mix(INNER ^ children.size());
        List<MixtureLeaf> leaves = new ArrayList<>();
        for (Node child : children) {
            h = SplitMix64.mix(h ^ child.hash());
            leaves.addAll(child.leaves());
        }
        return new Inner(h, List.copyOf(children), List.copyOf(leaves));
    }

    /** Every inner node's hash, for finding the nodes an update made obsolete. */
    static void innerHashes(Node node, java.util.Set<Long> into) {
        if (node instanceof Inner inner) {
            into.add(inner.hash());
            for (Node child : inner.children()) {
                innerHashes(child, into);
            }
        }
    }
}
