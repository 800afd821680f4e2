package io.bayesfuse.kernels.random;

/**
 * SplitMix64 (Steele, Lea, Flood 2014, "Fast splittable pseudorandom number generators"): a
 * 64-bit generator whose whole state is one {@code long}, so a filter's randomness can be saved in
 * the entity's state and restored to draw exactly the same numbers again. Not for cryptography.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    /** The state to save; {@code new SplitMix64(state())} continues the same sequence. */
    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Standard normal by the Box–Muller transform (one of the pair; no hidden cached value). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();  // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The SplitMix64 output function: a bijective avalanche of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from a base seed and a name (e.g. an entity id), stable across runs and JVMs. */
    public static long seedFor(long seed, String name) {
        long h = 0xcbf29ce484222325L;   // FNV-1a over the UTF-16 code units
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }
}
