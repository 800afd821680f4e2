package io.bayesfuse.schemas;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import io.bayesfuse.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every topic record survives the Confluent wire-format serdes unchanged, through a real
 * (in-process) registry.
 */
class SpecificRecordRoundTripTest {

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        SERDES.values().forEach(SpecificAvroSerde::close);
        registry.close();
    }

    @TestFactory
    Stream<DynamicTest> randomInstancesOfEveryTopicRecordRoundTripThroughTheSerde() {
        return Contracts.TOPIC_VALUE_SCHEMAS.stream().map(schema -> DynamicTest.dynamicTest(schema.getName(), () -> {
            RandomDatum random = new RandomDatum(schema.getName().hashCode());
            for (int i = 0; i < 100; i++) {
                SpecificRecord specific = toSpecific(schema, random.next(schema));
                assertThat(roundTrip(specific)).isEqualTo(specific);
            }
        }));
    }

    @Test
    void aMeasurementReadsAsWritten() {
        Measurement m = Measurement.newBuilder()
                .setEntityId("t1").setSensorId("radar")
                .setTimestamp(Instant.ofEpochMilli(1_000_363))
                .setZ(List.of(251.25528282997448, 0.6336588191602863))
                .setR(new DiagonalCovariance(List.of(1.0, 0.0001)))
                .setAttributes(Map.of("class", "drone"))
                .build();
        Measurement read = roundTrip(m);
        assertThat(read).isEqualTo(m);
        assertThat(read.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000_363));
        assertThat(read.getR()).isInstanceOf(DiagonalCovariance.class);
    }

    @Test
    void aPosteriorInInformationFormCarriesNoSeparateMean() {
        PosteriorUpdate update = PosteriorUpdate.newBuilder()
                .setQuantityId("w").setSourceId("shard-0").setVersion(3)
                .setPosterior(new GaussianPosterior(null, new InformationForm(
                        new Matrix(2, 2, List.of(2.0, 0.0, 0.0, 2.0)), List.of(1.0, -1.0))))
                .build();
        PosteriorUpdate read = roundTrip(update);
        assertThat(read).isEqualTo(update);
        GaussianPosterior posterior = (GaussianPosterior) read.getPosterior();
        assertThat(posterior.getMean()).isNull();
        assertThat(posterior.getCovariance()).isInstanceOf(InformationForm.class).isNotInstanceOf(FullCovariance.class);
    }

    private static final Map<Class<?>, SpecificAvroSerde<?>> SERDES = new java.util.HashMap<>();

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) {
        SpecificAvroSerde<T> serde = (SpecificAvroSerde<T>) SERDES.computeIfAbsent(record.getClass(), c -> {
            SpecificAvroSerde<T> s = new SpecificAvroSerde<>((Class<T>) c);
            s.configure(Map.of("schema.registry.url", registry.url()), false);
            return s;
        });
        String topic = "bayesfuse." + record.getSchema().getName();
        byte[] bytes = serde.serializer().serialize(topic, record);
        assertThat(bytes[0]).as("magic byte").isEqualTo(WireFormat.MAGIC_BYTE);
        return serde.deserializer().deserialize(topic, bytes);
    }

    /** A generated record with the contents of a generic datum (through Avro binary, as Avro itself would). */
    private static SpecificRecord toSpecific(Schema schema, Object generic) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(schema, GenericData.get()).write(generic, encoder);
        encoder.flush();
        SpecificData data = new SpecificData() {
            @Override
            @SuppressWarnings("rawtypes")
            public Class getClass(Schema s) {
                // our own generated classes, named by our own schemas: load them directly
                return switch (s.getType()) {
                    case RECORD, ENUM -> {
                        try {
                            yield Class.forName(s.getFullName());
                        } catch (ClassNotFoundException e) {
                            yield super.getClass(s);
                        }
                    }
                    default -> super.getClass(s);
                };
            }
        };
        data.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        return (SpecificRecord) new SpecificDatumReader<>(schema, schema, data)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
