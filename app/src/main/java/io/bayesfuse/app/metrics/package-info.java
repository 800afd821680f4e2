/**
 * What {@code GET /metrics} shows: {@link io.bayesfuse.app.metrics.PrometheusMetrics} renders, in the
 * Prometheus text format, the topology's own meters (which {@code io.bayesfuse.topology.metrics} registers
 * on Micrometer's global registry), Kafka Streams' client metrics and the JVM's. There is one per running
 * instance.
 */
package io.bayesfuse.app.metrics;
