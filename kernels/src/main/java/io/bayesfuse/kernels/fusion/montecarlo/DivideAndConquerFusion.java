package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * Divide-and-conquer Monte Carlo Fusion over a {@link FusionTree}: every leaf gives exact draws of
 * its sub-posterior, every inner node fuses its children's draws into draws of their product
 * ({@link NodeFusion}), the root's are draws of Πᵢ fᵢ. Each inner node's draws are a function of
 * the sub-posteriors below it, the options and the seed alone, kept in a {@link NodeStore} under a
 * key made of the node's hash and the options: a later fusion reuses every node whose leaves did
 * not change, so replacing one sub-posterior redoes only the nodes on its path (O(log K)).
 */
public final class DivideAndConquerFusion {

    /** Where node results are kept between fusions (an in-memory map, a key-value store). */
    public interface NodeStore {
        /** The node's stored arrays, or null. */
        double[] get(long key);

        void put(long key, double[] value);

        void remove(long key);

        /** Keeps nothing. */
        NodeStore NONE = new NodeStore() {
            @Override
            public double[] get(long key) {
                return null;
            }

            @Override
            public void put(long key, double[] value) {
            }

            @Override
            public void remove(long key) {
            }
        };
    }

    /** What the fusion returns: draws of the product and how it went. */
    public record Outcome(double[][] draws, int nodesFused, int nodesReused, List<NodeFusion.Result> fused) {
    }

    private static final long LEAF = 0x6c65616664726177L;

    private final DcFusionOptions options;
    private final long optionsHash;

    public DivideAndConquerFusion(DcFusionOptions options) {
        this.options = options;
        this.optionsHash = options.hash();
    }

    public DcFusionOptions options() {
        return options;
    }

    /** The number of draws each node keeps (more than the output, so that its draws carry more information). */
    int particles() {
        return options.particles();
    }

    /** The store key of an inner node's draws. */
    public long keyOf(long nodeHash) {
        return SplitMix64.mix(nodeHash ^ optionsHash);
    }

    /**
     * {@code options.draws()} draws of the product of {@code leaves}.
     *
     * @throws FusionFailedException when a node fusion fails (every weight vanished)
     */
    public Outcome fuse(List<MixtureLeaf> leaves, NodeStore store) {
        FusionTree.Node root = FusionTree.build(leaves, options.branching());
        if (root == null) {
            throw new IllegalArgumentException("nothing to fuse");
        }
        Tally tally = new Tally();
        double[] rootDraws = evaluate(root, store, tally);
        int d = leaves.get(0).dimension();
        int M = rootDraws.length / d;
        int N = options.draws();
        // N of the root's M equally weighted draws, chosen without replacement
        SplitMix64 random = new SplitMix64(SplitMix64.mix(options.seed() ^ SplitMix64.mix(root.hash() ^ optionsHash ^ 0x6f7574L)));
        int[] index = new int[M];
        for (int i = 0; i < M; i++) {
            index[i] = i;
        }
        double[][] out = new double[N][d];
        for (int i = 0; i < N; i++) {
            int k = i + (int) Math.floorMod(random.nextLong(), (long) (M - i));
            int tmp = index[i];
            index[i] = index[k];
            index[k] = tmp;
            System.arraycopy(rootDraws, index[i] * d, out[i], 0, d);
        }
        return new Outcome(out, tally.fused, tally.reused, tally.results);
    }

    /** The keys of the stored inner nodes of the tree of {@code leaves} (to find the ones an update made obsolete). */
    public java.util.Set<Long> nodeKeys(List<MixtureLeaf> leaves) {
        java.util.Set<Long> hashes = new java.util.HashSet<>();
        FusionTree.Node root = FusionTree.build(leaves, options.branching());
        if (root != null) {
            FusionTree.innerHashes(root, hashes);
        }
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (long h : hashes) {
            keys.add(keyOf(h));
        }
        return keys;
    }

    private static final class Tally {
        int fused;
        int reused;
        final List<NodeFusion.Result> results = new ArrayList<>();
    }

    private double[] evaluate(FusionTree.Node node, NodeStore store, Tally tally) {
        int M = particles();
        if (node instanceof FusionTree.Leaf leaf) {
            return leafDraws(leaf.leaf(), M);
        }
        FusionTree.Inner inner = (FusionTree.Inner) node;
        long key = keyOf(inner.hash());
        double[] stored = store.get(key);
        if (stored != null) {
            tally.reused++;
            return stored;
        }
        List<NodeFusion.Child> children = new ArrayList<>();
        for (FusionTree.Node child : inner.children()) {
            double[] draws = evaluate(child, store, tally);
            int d = child.leaves().get(0).dimension();
            double[] covariance = child instanceof FusionTree.Leaf l ? l.leaf().covariance()
                    : NodeFusion.moments(draws, draws.length / d, d)[1];
            children.add(new NodeFusion.Child(draws, draws.length / d, child.leaves(), covariance));
        }
        long seed = SplitMix64.mix(options.seed() ^ SplitMix64.mix(inner.hash() ^ optionsHash));
        NodeFusion.Result result = NodeFusion.fuse(children, M, M, seed, options.tuning());
        Rejuvenation.move(result.draws(), M, inner.leaves(), options.moves(), SplitMix64.mix(seed ^ 0x72656a75L), options.parallel());
        tally.fused++;
        tally.results.add(result);
        store.put(key, result.draws());
        return result.draws();
    }

    /** M exact draws of a sub-posterior, seeded by its content. */
    double[] leafDraws(MixtureLeaf leaf, int M) {
        int d = leaf.dimension();
        SplitMix64 random = new SplitMix64(SplitMix64.mix(options.seed() ^ SplitMix64.mix(leaf.contentHash() ^ LEAF ^ optionsHash)));
        double[] draws = new double[M * d];
        double[] xi = new double[d];
        for (int j = 0; j < M; j++) {
            leaf.draw(random, draws, j * d, xi);
        }
        return draws;
    }
}
