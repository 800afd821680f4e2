package io.bayesfuse.kernels.filter;

/**
 * A filter's complete state as a plain value, for the entity's state store and for out-of-order
 * replay: what {@link RecursiveFilter#save()} returns and {@link RecursiveFilter#restore} takes.
 * Restoring a saved state and running the same inputs gives the same results bit for bit.
 */
public sealed interface FilterState permits GaussianState, MixtureState, ParticleState {

    /** The dimension of the filter's output estimate. */
    int dimension();
}
