package io.bayesfuse.kernels.fusion;

import java.util.List;

/**
 * The per-source bookkeeping of a rule whose aggregates are running sums over its sources, written
 * once: a new source's arrays are added, a replacement subtracts the source's previous arrays and
 * adds the new ones, a retraction subtracts them, and after every
 * max(K, {@value #RECOMPUTE_AFTER_SUBTRACTIONS}) subtractions the sums are recomputed exactly from
 * the stored contributions (in canonical order), against the residue subtraction leaves. A subclass
 * says how one source's arrays enter its sums and what sizes them.
 */
public abstract class IncrementalFusionRule implements FusionRule {

    /** Minimum number of subtractions between exact recomputations of the running sums. */
    public static final int RECOMPUTE_AFTER_SUBTRACTIONS = 1024;

    /** True once the sums have a size (fixed by the first source, or by a configured prior). */
    protected abstract boolean sized();

    /** Sizes (and empties) the sums for the first source's arrays. */
    protected abstract void sizeFor(List<double[]> first);

    /**
     * The last source left: forgets the size, unless something else (a configured prior) fixes it.
     *
     * @return true when the size was forgotten (the sums are then unused until the next source)
     */
    protected abstract boolean forgetSize();

    /** Adds {@code sign} × one source's contribution ({@link #admit}'s arrays) to the sums. */
    protected abstract void accumulate(List<double[]> arrays, double sign);

    /** Counts the subtraction of a source's {@code previous} arrays (already accumulated with sign −1). */
    protected abstract void countSubtraction(List<double[]> previous);

    /** The subtractions since the sums were last recomputed or restored. */
    protected abstract long subtractions();

    /** Empties the sums and their subtraction count. */
    protected abstract void clearSums();

    @Override
    public final void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        if (!sized()) {
            sizeFor(current);
        }
        if (previous != null) {
            subtract(previous);
        }
        accumulate(current, 1.0);
        recomputeWhenDue(sources);
    }

    @Override
    public final void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0 && forgetSize()) {
            return;
        }
        subtract(previous);
        recomputeWhenDue(sources);
    }

    /** Recomputes the sums exactly from the stored contributions, in canonical order. */
    public void recompute(Contributions sources) {
        if (!sized()) {
            return;
        }
        clearSums();
        sources.forEach((id, arrays) -> accumulate(arrays, 1.0));
    }

    private void subtract(List<double[]> previous) {
        accumulate(previous, -1.0);
        countSubtraction(previous);
    }

    private void recomputeWhenDue(Contributions sources) {
        if (subtractions() >= Math.max(sources.count(), RECOMPUTE_AFTER_SUBTRACTIONS)) {
            recompute(sources);
        }
    }
}
