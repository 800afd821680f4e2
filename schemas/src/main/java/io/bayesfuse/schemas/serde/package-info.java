/**
 * Kafka serializers, deserializers and serdes for Avro data in the Confluent wire format (magic byte 0,
 * 4-byte schema id, Avro binary; {@link io.bayesfuse.schemas.serde.WireFormat}), the counterparts of
 * Confluent's: {@link io.bayesfuse.schemas.serde.AvroSerializer} and
 * {@link io.bayesfuse.schemas.serde.AvroDeserializer}, with serdes for generic records
 * ({@link io.bayesfuse.schemas.serde.GenericAvroSerde}) and generated classes
 * ({@link io.bayesfuse.schemas.serde.SpecificAvroSerde}). Settings keep Confluent's names and defaults
 * ({@link io.bayesfuse.schemas.serde.AvroSerdeConfig},
 * {@link io.bayesfuse.schemas.serde.SubjectNameStrategies}). A reader resolves the writer's schema,
 * fetched by id, to its own, and is told the generated classes it may build rather than widening Avro's
 * JVM-wide trust list. Failures are {@link io.bayesfuse.schemas.serde.AvroSerdeException}s naming the
 * topic and the schema id.
 */
package io.bayesfuse.schemas.serde;
