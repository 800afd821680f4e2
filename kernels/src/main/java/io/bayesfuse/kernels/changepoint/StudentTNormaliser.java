package io.bayesfuse.kernels.changepoint;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * log Γ((v + d)/2) − log Γ(v/2), the part of the d-variate Student-t log density that depends only
 * on its degrees of freedom v. In a conjugate run v = v₀ + count, so the values for the first
 * {@value #TABLE} counts are computed once and the per-observation path calls no log-gamma.
 */
final class StudentTNormaliser {

    static final int TABLE = 1024;

    private final double v0;
    private final int d;
    private final double[] table = new double[TABLE];

    StudentTNormaliser(double v0, int d) {
        this.v0 = v0;
        this.d = d;
        for (int count = 0; count < TABLE; count++) {
            table[count] = compute(count);
        }
    }

    /** The value for v = v₀ + count. */
    double value(int count) {
        return count < TABLE ? table[count] : compute(count);
    }

    private double compute(int count) {
        double v = v0 + count;
        return LogGamma.value(0.5 * (v + d)) - LogGamma.value(0.5 * v);
    }
}
