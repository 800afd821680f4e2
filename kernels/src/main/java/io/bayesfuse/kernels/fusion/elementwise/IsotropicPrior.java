package io.bayesfuse.kernels.fusion.elementwise;

/**
 * A prior N(m·1, v·I) of any dimension: the usual prior of a model's weights, and the one that can
 * be divided out of chunks of a posterior without knowing the rest of it. In information form its
 * precision is (1/v)·I and its information vector (m/v)·1.
 *
 * @param mean     m, every component's prior mean
 * @param variance v &gt; 0, every component's prior variance
 */
public record IsotropicPrior(double mean, double variance) {

    public IsotropicPrior {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("isotropic prior mean must be finite, got " + mean);
        }
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("isotropic prior variance must be finite and > 0, got " + variance);
        }
    }

    /** 1/v. */
    public double precision() {
        return 1.0 / variance;
    }

    /** m/v. */
    public double information() {
        return mean / variance;
    }
}
