/**
 * Recursive Bayesian filters behind one interface, {@link io.bayesfuse.kernels.filter.RecursiveFilter}
 * (predict to a time, update with a measurement): the Kalman family on the shared skeleton
 * {@link io.bayesfuse.kernels.filter.GaussianFilter} ({@link io.bayesfuse.kernels.filter.KalmanFilter}
 * with the Joseph form, {@link io.bayesfuse.kernels.filter.ExtendedKalmanFilter},
 * {@link io.bayesfuse.kernels.filter.UnscentedKalmanFilter}), the
 * {@link io.bayesfuse.kernels.filter.InformationFilter}, the
 * {@link io.bayesfuse.kernels.filter.InteractingMultipleModel} and the bootstrap
 * {@link io.bayesfuse.kernels.filter.ParticleFilter}; state-evidence measurements take the Discriminative
 * Kalman Filter update. What the entity tracker needs beyond predict and update (the motion model for
 * smoothing, the normalised innovation, whether R can be learned) is the capability interface
 * {@link io.bayesfuse.kernels.filter.SingleGaussianFilter}; filters whose moments are a reduction of a
 * richer state (information form, mode mixture, particles) compute them once per change in
 * {@code LazyMomentsFilter}. A filter's whole state is a plain {@link io.bayesfuse.kernels.filter.FilterState}
 * value, so one mutable, preallocated instance serves many entities in turn by {@code restore} and
 * {@code save}, and a restored state continues bit for bit. Filters are not thread-safe, take every
 * inverse through a Cholesky factorisation, and know nothing of entities or storage (they must not depend
 * on {@code kernels.entity} or {@code kernels.codec}).
 */
package io.bayesfuse.kernels.filter;
