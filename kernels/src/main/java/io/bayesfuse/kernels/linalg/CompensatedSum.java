package io.bayesfuse.kernels.linalg;

import java.util.Arrays;

/**
 * A running sum of arrays (vectors or row-major matrices) that stays accurate however many terms
 * are added and taken away again. Fusion keeps such sums of per-source contributions (Σ Λᵢ, Σ ηᵢ,
 * Σ λᵢFᵢ, ...) so that replacing or retracting one source costs the same whatever the number of
 * sources; plain floating-point running sums would drift with every replacement and lose all
 * accuracy when a dominant contribution is taken away again (catastrophic cancellation).
 *
 * <p>Each entry is kept as an unevaluated pair s + c: every addition computes its rounding error
 * exactly with Knuth's branch-free TwoSum (t = s + x; z = t − s; e = (s − (t − z)) + (x − z)) and
 * accumulates it in c. The value s + c is then accurate to about 2u|Σ| + n·u²·Σ|xₖ| (u = 2⁻⁵³,
 * n terms; Neumaier 1974, Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
 * §4.3), i.e. to rounding of the current sum, independent of what was added and removed before.
 * Owners bound the second-order term n·u²·Σ|xₖ| by recomputing the sum exactly from their stored
 * contributions every so many subtractions (see {@link #subtractionsSinceReset()}).
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class CompensatedSum {

    private final double[] s;
    private final double[] c;
    private long subtractions;

    /** A sum of {@code length} entries, all zero. */
    public CompensatedSum(int length) {
        this.s = new double[length];
        this.c = new double[length];
    }

    /** A sum restored from its two parts (e.g. decoded from a state store). */
    public static CompensatedSum restore(double[] sum, double[] compensation, long subtractions) {
        if (sum.length != compensation.length) {
            throw new IllegalArgumentException("sum has " + sum.length + " entries, compensation " + compensation.length);
        }
        CompensatedSum restored = new CompensatedSum(sum.length);
        System.arraycopy(sum, 0, restored.s, 0, sum.length);
        System.arraycopy(compensation, 0, restored.c, 0, sum.length);
        restored.subtractions = subtractions;
        return restored;
    }

    public int length() {
        return s.length;
    }

    /** Adds {@code x} to entry {@code i}. */
    public void add(int i, double x) {
        double si = s[i];
        double t = si + x;
        double z = t - si;
        c[i] += (si - (t - z)) + (x - z);
        s[i] = t;
    }

    /** Adds {@code scale·x} to every entry; x must have {@link #length()} entries. */
    public void add(double[] x, double scale) {
        requireLength(x.length);
        for (int i = 0; i < x.length; i++) {
            add(i, scale * x[i]);
        }
    }

    /**
     * Adds {@code scale·A} to a sum that holds a row-major symmetric n×n matrix, A given as its packed
     * upper triangle ({@link SymmetricPacking#pack}): entry by entry what {@link #add(double[], double)}
     * does with A unpacked, without unpacking it.
     */
    public void addPackedSymmetric(double[] packed, int n, double scale) {
        requireLength(n * n);
        if (packed.length != SymmetricPacking.packedLength(n)) {
            throw new IllegalArgumentException("packed matrix has " + packed.length + " entries, expected "
                    + SymmetricPacking.packedLength(n) + " for " + n + "x" + n);
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double x = scale * packed[k++];
                add(i * n + j, x);
                if (j != i) {
                    add(j * n + i, x);
                }
            }
        }
    }

    /**
     * Adds {@code scale·diag(d)} to a sum that holds a row-major n×n matrix (n = d.length): only the
     * diagonal entries change, at cost O(n).
     */
    public void addDiagonal(double[] d, double scale) {
        int n = d.length;
        requireLength(n * n);
        for (int i = 0; i < n; i++) {
            add(i * n + i, scale * d[i]);
        }
    }

    /** Records that a contribution was taken away (the owner's cue for exact recomputation). */
    public void countSubtraction() {
        subtractions++;
    }

    /** Subtractions since construction or the last {@link #clear()}. */
    public long subtractionsSinceReset() {
        return subtractions;
    }

    /** The value of entry {@code i}: s + c rounded once. */
    public double value(int i) {
        return s[i] + c[i];
    }

    /** Writes every entry's value into {@code out}. */
    public void values(double[] out) {
        requireLength(out.length);
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] + c[i];
        }
    }

    /** Sets every entry to zero and the subtraction count to zero (before an exact recomputation). */
    public void clear() {
        Arrays.fill(s, 0.0);
        Arrays.fill(c, 0.0);
        subtractions = 0;
    }

    /** A copy of the leading parts s (for a state snapshot). */
    public double[] sumPart() {
        return s.clone();
    }

    /** A copy of the compensation parts c (for a state snapshot). */
    public double[] compensationPart() {
        return c.clone();
    }

    /** The leading parts of a sum of symmetric n×n matrices, packed ({@link SymmetricPacking#pack}): no full copy first. */
    public double[] packedSumPart(int n) {
        return SymmetricPacking.pack(s, n);
    }

    /** The compensation parts of a sum of symmetric n×n matrices, packed. */
    public double[] packedCompensationPart(int n) {
        return SymmetricPacking.pack(c, n);
    }

    private void requireLength(int length) {
        if (length != s.length) {
            throw new IllegalArgumentException("array has " + length + " entries, the sum has " + s.length);
        }
    }
}
