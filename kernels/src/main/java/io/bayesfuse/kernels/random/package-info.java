/**
 * Reproducible randomness: {@link io.bayesfuse.kernels.random.SplitMix64}, a generator whose whole state
 * is one {@code long}, so a particle filter's generator is saved with the entity's state and a restored
 * filter draws exactly the same numbers, and the simulator seeds one stream per entity or sensor. Not for
 * cryptography.
 */
package io.bayesfuse.kernels.random;
