package io.bayesfuse.schemas.serde;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EstimateWriterTest {

    @Test
    void fitsTheGeneratedSchemaSoThatTheSerdeUsesIt() {
        // fails when Estimate.avsc (or Matrix, Lineage) changes: make EstimateWriter follow the schema
        assertThat(EstimateWriter.fits(Estimate.getClassSchema())).isTrue();
        assertThat(EstimateWriter.fits(Measurement.getClassSchema())).isFalse();
    }

    @Test
    void aSchemaWithAnotherFieldIsNotItsToWrite() {
        Schema changed = new Schema.Parser().parse(Estimate.getClassSchema().toString()
                .replace("{\"name\":\"region\"", "{\"name\":\"extra\",\"type\":\"int\"},{\"name\":\"region\""));
        assertThat(EstimateWriter.fits(changed)).isFalse();
        assertThatThrownBy(() -> new EstimateWriter().setSchema(changed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheBytesAvrosSpecificWriterWritesForEveryOptionalFieldSetOrNot() throws IOException {
        Random random = new Random(17);
        for (int i = 0; i < 500; i++) {
            Estimate estimate = randomEstimate(random);
            assertThat(ours(estimate)).as("estimate %d: %s", i, estimate).isEqualTo(avros(estimate));
        }
    }

    private static Estimate randomEstimate(Random random) {
        int n = random.nextInt(5);
        double[] x = new double[n];
        double[] P = new double[n * n];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextGaussian() * 1e3;
        }
        for (int k = 0; k < P.length; k++) {
            P[k] = random.nextInt(20) == 0 ? -0.0 : random.nextGaussian();
        }
        boolean unboxed = random.nextBoolean();
        return new Estimate(text(random, false), Instant.ofEpochMilli(random.nextLong() >> 20),
                EstimateStatus.values()[random.nextInt(EstimateStatus.values().length)], text(random, true),
                random.nextBoolean() ? null : Instant.ofEpochMilli(random.nextInt()), text(random, false), text(random, false),
                text(random, true), unboxed ? DoubleList.copyOf(x) : PrimitiveArraysWriterTest.boxed(x),
                new Matrix(n, n, unboxed ? DoubleList.copyOf(P) : PrimitiveArraysWriterTest.boxed(P)),
                random.nextBoolean() ? null : random.nextDouble() * 10, random.nextBoolean() ? null : -random.nextDouble(),
                random.nextBoolean() ? null : new Lineage(text(random, false), random.nextInt(64), random.nextLong() >>> 1),
                text(random, true), text(random, true), text(random, true), text(random, true));
    }

    private static String text(Random random, boolean optional) {
        if (optional && random.nextBoolean()) {
            return null;
        }
        String[] words = {"", "entity-42", "kf", "cv", "ünïcødé", "雷达", "a\u0000b", "x".repeat(200)};
        return words[random.nextInt(words.length)];
    }

    private static byte[] avros(Estimate estimate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<Estimate>(Estimate.getClassSchema(), SpecificData.getForClass(Estimate.class)).write(estimate, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] ours(Estimate estimate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DatumWriters().write(estimate, Estimate.getClassSchema(), out);
        return out.toByteArray();
    }
}
