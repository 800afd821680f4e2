package io.bayesfuse.it;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.app.Clients;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.serde.GenericAvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A producer on a newer, compatible Measurement schema (an added optional field) works against the
 * running application; an incompatible one is refused by the registry before anything reaches Kafka.
 */
class SchemaEvolutionIT {

    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
            """;

    /** Measurement with one more field, as a later producer might send it. */
    private static Schema withField(String fieldJson) {
        String current = Measurement.getClassSchema().toString();
        return new Schema.Parser().parse(current.replace("\"fields\":[", "\"fields\":[" + fieldJson + ","));
    }

    private static KafkaProducer<String, Object> genericProducer(AppUnderTest app) {
        GenericAvroSerializer values = new GenericAvroSerializer();
        values.configure(Map.of("schema.registry.url", app.registryUrl()), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        KafkaProducer<String, Object> producer = new KafkaProducer(Map.of("bootstrap.servers", app.bootstrapServers()),
                new StringSerializer(), values);
        return producer;
    }

    private static GenericRecord measurement(Schema schema, String entity, long time) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("entityId", entity);
        r.put("sensorId", "gps");
        r.put("timestamp", time);
        r.put("z", List.of(0.5, -0.5));
        r.put("attributes", Map.of());
        return r;
    }

    @Test
    void aNewerCompatibleSchemaIsReadByTheRunningApplication() throws Exception {
        try (AppUnderTest app = AppUnderTest.start(TestEnvironments.current(), "evolution", CONFIG);
             KafkaProducer<String, Object> producer = genericProducer(app)) {
            Schema v2 = withField("{\"name\":\"quality\",\"type\":[\"null\",\"double\"],\"default\":null,"
                    + "\"doc\":\"A producer-side quality score, unknown to the application.\"}");
            GenericRecord m = measurement(v2, "t1", 1_000);
            m.put("quality", 0.93);
            producer.send(new ProducerRecord<>(app.topics.measurements(), "t1", m)).get();

            List<ConsumerRecord<String, Estimate>> out = Clients.readCommitted(app, app.topics.estimates(), Estimate.class,
                    1, Duration.ofSeconds(60));
            assertThat(out).hasSize(1);
            assertThat(out.get(0).value().getEntityId()).isEqualTo("t1");
            assertThat(out.get(0).value().getSensorId()).isEqualTo("gps");
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedByTheRegistry() throws Exception {
        try (AppUnderTest app = AppUnderTest.start(TestEnvironments.current(), "evolution-bad", CONFIG);
             KafkaProducer<String, Object> producer = genericProducer(app)) {
            // register the application's own schema first, as its producers would
            producer.send(new ProducerRecord<>(app.topics.measurements(), "t1",
                    measurement(Measurement.getClassSchema(), "t1", 1_000))).get();
            // a new required field without a default: the application could not read old data with it
            Schema breaking = withField("{\"name\":\"quality\",\"type\":\"double\",\"doc\":\"required, no default\"}");
            GenericRecord m = measurement(breaking, "t1", 2_000);
            m.put("quality", 0.5);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(app.topics.measurements(), "t1", m)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(app.topics.measurements())
                    .hasStackTraceContaining("409");
        }
    }
}
