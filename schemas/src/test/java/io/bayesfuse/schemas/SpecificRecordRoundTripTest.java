package io.bayesfuse.schemas;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
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

/** Every generated topic record survives an Avro binary round trip unchanged. */
class SpecificRecordRoundTripTest {

    @org.junit.jupiter.api.BeforeAll
    static void trustGeneratedClasses() {
        AvroClassTrust.install();
    }

    @TestFactory
    Stream<DynamicTest> randomInstancesOfEveryTopicRecordRoundTrip() {
        return Contracts.TOPIC_VALUE_SCHEMAS.stream().map(schema -> DynamicTest.dynamicTest(schema.getName(), () -> {
            RandomDatum random = new RandomDatum(schema.getName().hashCode());
            for (int i = 0; i < 100; i++) {
                Object generic = random.next(schema);
                SpecificRecord specific = toSpecific(schema, generic);
                assertThat(roundTrip(specific)).isEqualTo(specific);
            }
        }));
    }

    @Test
    void aMeasurementReadsAsWritten() throws IOException {
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
    void aPosteriorInInformationFormCarriesNoSeparateMean() throws IOException {
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

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) throws IOException {
        Schema schema = record.getSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(schema).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<T>(schema).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static SpecificRecord toSpecific(Schema schema, Object generic) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.generic.GenericDatumWriter<>(schema, GenericData.get()).write(generic, encoder);
        encoder.flush();
        return (SpecificRecord) new SpecificDatumReader<>(schema, schema, SpecificData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
