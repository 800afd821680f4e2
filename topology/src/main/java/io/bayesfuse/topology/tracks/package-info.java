/**
 * Track-to-track fusion: {@link io.bayesfuse.topology.tracks.TrackPublisher} republishes the estimates of
 * the configured estimate topics (this deployment's or other sites') as posterior updates of their
 * entity's track on the posterior-updates topic, where they are fused like any quantity.
 * {@link io.bayesfuse.topology.tracks.TrackPosteriors} makes the update: the entity is the quantity, the
 * estimate's site the source, the estimate's (x, P) at its time the posterior, and its offset in its topic
 * partition the version.
 */
package io.bayesfuse.topology.tracks;
