package io.bayesfuse.kernels.fusion;

/** The fusion rules, with the stable codes a persisted fusion state carries. */
public enum FusionMethod {
    /** Product of posteriors with prior division (information form). */
    PRODUCT(1),
    /** Covariance intersection (unknown correlation between sources). */
    COVARIANCE_INTERSECTION(2),
    /** Fisher-weighted merging of parameter vectors (diagonal Fisher). */
    FISHER(3),
    /** Product of Gaussian-mixture posteriors, reduced by Runnalls' method. */
    MIXTURE_PRODUCT(4),
    /** Consensus Monte Carlo over sample-based sub-posteriors. */
    CONSENSUS_MONTE_CARLO(5),
    /** Product of diagonal Gaussians, elementwise (chunks of long parameter vectors). */
    DIAGONAL_PRODUCT(6),
    /** Product of Gaussians in packed information form, slice by slice (chunks of large dense posteriors). */
    INFORMATION_SLICE_PRODUCT(7),
    /** Divide-and-conquer Monte Carlo Fusion of Gaussian-mixture sub-posteriors into draws of their product. */
    DC_FUSION(8);

    private final int code;

    FusionMethod(int code) {
        this.code = code;
    }

    /** The code written into persisted state; never reuse or renumber one. */
    public int code() {
        return code;
    }

    /** The method with {@code code}, or an IllegalArgumentException naming it. */
    public static FusionMethod ofCode(int code) {
        for (FusionMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown fusion method code " + code);
    }
}
