/**
 * A client of the Confluent Schema Registry v1 REST API, for Avro schemas:
 * {@link io.bayesfuse.schemas.registry.SchemaRegistryClient} is the interface,
 * {@link io.bayesfuse.schemas.registry.RestSchemaRegistryClient} speaks HTTP, and
 * {@link io.bayesfuse.schemas.registry.CachingSchemaRegistryClient} caches what a serde looks up on every
 * record. {@link io.bayesfuse.schemas.registry.RegistryClientConfig} reads Confluent's client settings
 * (several URLs tried in order, basic or bearer credentials, TLS, timeouts), so existing client
 * configurations can be copied. A refused request is a
 * {@link io.bayesfuse.schemas.registry.RegistryRequestException} carrying the Confluent error code; no
 * answer from any URL is a {@link io.bayesfuse.schemas.registry.RegistryUnreachableException}.
 */
package io.bayesfuse.schemas.registry;
