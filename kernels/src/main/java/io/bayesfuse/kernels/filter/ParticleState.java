package io.bayesfuse.kernels.filter;

import java.util.Arrays;

/**
 * The state of a particle filter: N particles of dimension n (particle-major: particle i is
 * {@code particles[i*n .. i*n+n-1]}), their normalised weights, and the random generator's state
 * so that a restored filter draws the same numbers as the original would have.
 *
 * @param dimension   n
 * @param particles   N·n values
 * @param weights     N normalised weights
 * @param randomState the generator state
 */
public record ParticleState(int dimension, double[] particles, double[] weights, long randomState) implements FilterState {

    public ParticleState {
        if (particles.length != weights.length * dimension) {
            throw new IllegalArgumentException(particles.length + " particle values for " + weights.length
                    + " weights of dimension " + dimension);
        }
    }

    public int count() {
        return weights.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParticleState p && p.dimension == dimension && Arrays.equals(particles, p.particles)
                && Arrays.equals(weights, p.weights) && randomState == p.randomState;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(particles) * 31 + Arrays.hashCode(weights) + Long.hashCode(randomState);
    }

    @Override
    public String toString() {
        return "ParticleState[n=" + dimension + ", N=" + weights.length + "]";
    }
}
