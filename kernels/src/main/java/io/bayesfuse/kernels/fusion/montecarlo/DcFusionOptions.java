package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * The options of divide-and-conquer Monte Carlo Fusion.
 *
 * @param draws               N, the number of fused draws
 * @param seed                the seed every random number derives from (with the sub-posteriors' content)
 * @param branching           the fusion tree's most children per node: 2, 4, 8 or 16; 0 fuses all
 *                            sub-posteriors in one node (one-shot Monte Carlo Fusion)
 * @param timeHorizon         T for every node, in units of the children's own covariances; null to
 *                            adapt it per node: the smallest T whose initial weights ρ₀ keep an
 *                            effective sample size of {@code timeEss}
 * @param timeEss             the effective sample size fraction the adapted T keeps (0, 1)
 * @param meshEss             the conditional effective sample size fraction each time step keeps (0, 1)
 * @param oversampling        each node keeps {@code oversampling}·N draws (≥ 1), so that N draws
 *                            chosen from the root's carry about N independent draws' information
 * @param bandwidth           for sub-posteriors sent as draws: the kernel bandwidth as a multiple of
 *                            Scott's rule (&gt; 0); reserved: sources that send draws are not fused yet
 * @param smoothingComponents for sub-posteriors sent as draws: the components of the fitted mixture
 * @param moves               Metropolis–Hastings sweeps of each kind (random walk, kernel-density independence)
 *                            per draw after each node's fusion ({@link Rejuvenation}), ≥ 0
 * @param parallel            fuse a node's tuples on the common fork-join pool (same result either way)
 */
public record DcFusionOptions(int draws, long seed, int branching, Double timeHorizon, double timeEss, double meshEss,
                              int oversampling, double bandwidth, int smoothingComponents, int moves, boolean parallel) {

    public static final int DEFAULT_DRAWS = 1000;
    public static final int DEFAULT_BRANCHING = 2;
    public static final double DEFAULT_TIME_ESS = 0.5;
    public static final double DEFAULT_MESH_ESS = 0.5;
    public static final int DEFAULT_OVERSAMPLING = 2;
    public static final double DEFAULT_BANDWIDTH = 1.0;
    public static final int DEFAULT_SMOOTHING_COMPONENTS = 32;
    public static final int DEFAULT_MOVES = 40;
    /** The layer width ε = 1·√Δ of the bridges' bands. */
    static final double LAYER_SCALE = 1.0;
    /** A step whose bridges need more Poisson points than this is halved (cost, not correctness). */
    static final int MAX_POINTS_PER_BRIDGE = 64;
    static final int MAX_HALVINGS = 20;

    public DcFusionOptions {
        if (draws < 1) {
            throw new IllegalArgumentException("draws is " + draws + ", must be at least 1");
        }
        if (branching != 0 && (branching < 2 || branching > 16 || Integer.bitCount(branching) != 1)) {
            throw new IllegalArgumentException("branching is " + branching + ", must be 0, 2, 4, 8 or 16");
        }
        if (timeHorizon != null && !(timeHorizon > 0 && Double.isFinite(timeHorizon))) {
            throw new IllegalArgumentException("timeHorizon is " + timeHorizon + ", must be finite and > 0");
        }
        requireFraction("timeEss", timeEss);
        requireFraction("meshEss", meshEss);
        if (oversampling < 1) {
            throw new IllegalArgumentException("oversampling is " + oversampling + ", must be at least 1");
        }
        if (!(bandwidth > 0 && Double.isFinite(bandwidth))) {
            throw new IllegalArgumentException("bandwidth is " + bandwidth + ", must be finite and > 0");
        }
        if (moves < 0) {
            throw new IllegalArgumentException("moves is " + moves + ", must be at least 0");
        }
        if (smoothingComponents < 1) {
            throw new IllegalArgumentException("smoothingComponents is " + smoothingComponents + ", must be at least 1");
        }
    }

    /** Every option at its default, with {@code draws} and {@code seed}. */
    public static DcFusionOptions of(int draws, long seed) {
        return new DcFusionOptions(draws, seed, DEFAULT_BRANCHING, null, DEFAULT_TIME_ESS, DEFAULT_MESH_ESS,
                DEFAULT_OVERSAMPLING, DEFAULT_BANDWIDTH, DEFAULT_SMOOTHING_COMPONENTS, DEFAULT_MOVES, true);
    }

    private static void requireFraction(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " is " + value + ", must lie strictly between 0 and 1");
        }
    }

    /** The draws each node keeps. */
    int particles() {
        return draws * oversampling;
    }

    NodeFusion.Tuning tuning() {
        return new NodeFusion.Tuning(timeHorizon, timeEss, meshEss, LAYER_SCALE, MAX_POINTS_PER_BRIDGE, MAX_HALVINGS, parallel);
    }

    /** A hash of every option that shapes the draws (not {@code parallel}). */
    long hash() {
        long h = SplitMix64.mix(0x64636f7074L ^ draws);
        h = SplitMix64.mix(h ^ seed);
        h = SplitMix64.mix(h ^ branching);
        h = SplitMix64.mix(h ^ (timeHorizon == null ? -1L : Double.doubleToLongBits(timeHorizon)));
        h = SplitMix64.mix(h ^ Double.doubleToLongBits(timeEss));
        h = SplitMix64.mix(h ^ Double.doubleToLongBits(meshEss));
        h = SplitMix64.mix(h ^ oversampling);
        h = SplitMix64.mix(h ^ Double.doubleToLongBits(bandwidth));
        h = SplitMix64.mix(h ^ moves);
        return SplitMix64.mix(h ^ smoothingComponents);
    }
}
