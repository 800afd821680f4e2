/**
 * Recursive Bayesian filters behind one interface, {@link io.bayesfuse.kernels.filter.RecursiveFilter}
 * (predict to a time, update with a measurement): the Kalman family on the shared skeleton
 * {@link io.bayesfuse.kernels.filter.GaussianFilter} ({@link io.bayesfuse.kernels.filter.KalmanFilter}
 * with the Joseph form, {@link io.bayesfuse.kernels.filter.ExtendedKalmanFilter},
 * {@link io.bayesfuse.kernels.filter.UnscentedKalmanFilter}), the
 * {@link io.bayesfuse.kernels.filter.InformationFilter}, the
 * {@link io.bayesfuse.kernels.filter.InteractingMultipleModel} and the bootstrap
 * {@link io.bayesfuse.kernels.filter.ParticleFilter}; state-evidence measurements take the Discriminative
 * Kalman Filter update. A filter's whole state is a plain {@link io.bayesfuse.kernels.filter.FilterState}
 * value, so one mutable, preallocated instance serves many entities in turn by {@code restore} and
 * {@code save}, and a restored state continues bit for bit. Filters are not thread-safe, take every
 * inverse through a Cholesky factorisation, and know nothing of entities or storage (they must not depend
 * on {@code kernels.entity} or {@code kernels.codec}).
 */
package io.bayesfuse.kernels.filter;
