package io.bayesfuse.kernels.changepoint;

import org.apache.commons.numbers.gamma.LogGamma;

import java.util.function.IntToDoubleFunction;

/**
 * A term of a conjugate predictive that depends only on how many observations the run has
 * absorbed (its pseudo-counts follow from that number), e.g. the Student-t normaliser
 * log Γ((v + d)/2) − log Γ(v/2) with v = v₀ + count. The values for the first {@value #TABLE}
 * counts are computed once, so scoring an observation calls no log-gamma; longer runs compute theirs.
 */
final class CountConstant {

    static final int TABLE = 1024;

    private final IntToDoubleFunction term;
    private final double[] table = new double[TABLE];

    CountConstant(IntToDoubleFunction term) {
        this.term = term;
        for (int count = 0; count < TABLE; count++) {
            table[count] = term.applyAsDouble(count);
        }
    }

    /** log Γ((v + d)/2) − log Γ(v/2), the d-variate Student-t normaliser's dependence on its degrees of freedom v. */
    static double studentT(double v, int d) {
        return LogGamma.value(0.5 * (v + d)) - LogGamma.value(0.5 * v);
    }

    double value(int count) {
        return count < TABLE ? table[count] : term.applyAsDouble(count);
    }
}
