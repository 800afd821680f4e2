/**
 * The HTTP server of an instance (Javalin on Jetty): the dashboard page and its event stream,
 * the query API ({@code /api/entities}, {@code /api/entities/{id}}, {@code /api/quantities/{id}}),
 * {@code /health/live}, {@code /health/ready} ({@link io.bayesfuse.app.http.Readiness}), {@code /health} and
 * {@code /metrics}. Queries read the local state stores through Kafka
 * Streams' interactive queries; a key owned by another instance is forwarded to that instance's
 * advertised {@code application.server}.
 */
package io.bayesfuse.app.http;
