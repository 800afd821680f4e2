package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * How long a reading takes to arrive: a small jitter for most, a longer delay for some (they
 * arrive after newer readings of the same entity: out of order), and a delay longer than any
 * out-of-order window for a few (too late to be applied).
 *
 * @param jitterMillis       every reading is delayed uniformly in [0, jitter]
 * @param lateProbability    chance of a late reading
 * @param lateMinMillis      a late reading's delay, uniformly between min and max
 * @param lateMaxMillis      see lateMinMillis
 * @param tooLateProbability chance of a reading arriving after the out-of-order window
 * @param tooLateMinMillis   a too-late reading's delay, uniformly between min and max
 * @param tooLateMaxMillis   see tooLateMinMillis
 */
public record ArrivalDelays(long jitterMillis, double lateProbability, long lateMinMillis, long lateMaxMillis,
                            double tooLateProbability, long tooLateMinMillis, long tooLateMaxMillis) {

    /** Every reading on time. */
    public static final ArrivalDelays NONE = new ArrivalDelays(0, 0, 0, 0, 0, 0, 0);

    public ArrivalDelays {
        if (jitterMillis < 0 || lateMinMillis < 0 || lateMaxMillis < lateMinMillis || tooLateMinMillis < 0
                || tooLateMaxMillis < tooLateMinMillis) {
            throw new IllegalArgumentException("delays must be >= 0 with min <= max: " + this);
        }
        if (!(lateProbability >= 0 && tooLateProbability >= 0 && lateProbability + tooLateProbability <= 1)) {
            throw new IllegalArgumentException("late and too-late probabilities must be >= 0 and sum to at most 1");
        }
    }

    /** The delay of one reading (ms). */
    public long draw(SplitMix64 random) {
        double u = random.nextDouble();
        long jitter = (long) (jitterMillis * random.nextDouble());
        if (u < tooLateProbability) {
            return jitter + between(tooLateMinMillis, tooLateMaxMillis, random);
        }
        if (u < tooLateProbability + lateProbability) {
            return jitter + between(lateMinMillis, lateMaxMillis, random);
        }
        return jitter;
    }

    private static long between(long lo, long hi, SplitMix64 random) {
        return lo + (long) ((hi - lo) * random.nextDouble());
    }
}
