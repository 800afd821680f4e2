/**
 * An embeddable Confluent-compatible Schema Registry for local runs and tests:
 * {@link io.bayesfuse.schemas.registry.server.SchemaRegistryServer} serves the v1 REST API on the JDK's
 * HTTP server over {@link io.bayesfuse.schemas.registry.server.SchemaRegistry}, the operations independent
 * of HTTP. The registry's state ({@link io.bayesfuse.schemas.registry.server.RegistryState}) is the result
 * of applying {@link io.bayesfuse.schemas.registry.server.RegistryRecord}s in order, kept by a
 * {@link io.bayesfuse.schemas.registry.server.SchemaStore}: in memory
 * ({@link io.bayesfuse.schemas.registry.server.InMemorySchemaStore}) or in a compacted Kafka topic
 * ({@link io.bayesfuse.schemas.registry.server.KafkaSchemaStore}) that several instances may share. Writes
 * are optimistic claims that every instance accepts or refuses identically, so ids never collide without a
 * leader; compatibility is checked with Avro's own {@code SchemaCompatibility}.
 */
package io.bayesfuse.schemas.registry.server;
