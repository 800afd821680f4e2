package io.bayesfuse.testsupport;

/** A seeded stream of standard normal draws (java.util.Random's or the kernels' SplitMix64's nextGaussian). */
@FunctionalInterface
public interface GaussianSource {

    double nextGaussian();
}
