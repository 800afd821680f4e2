/**
 * The stages' own Micrometer meters, beside Kafka Streams' metrics:
 * {@link io.bayesfuse.topology.metrics.FilterMetrics} (estimates by status and sensor, NIS, smoothed
 * estimates, changepoints, evictions), {@link io.bayesfuse.topology.metrics.FusionMetrics} (fused
 * posteriors, stale versions, retractions, expired sources, failed fusions) and
 * {@link io.bayesfuse.topology.metrics.DeadLetterMetrics} (dead letters by reason and source topic). They
 * register on Micrometer's global registry, because Kafka Streams creates the exception handlers itself;
 * the application shows them at {@code /metrics}.
 */
package io.bayesfuse.topology.metrics;
