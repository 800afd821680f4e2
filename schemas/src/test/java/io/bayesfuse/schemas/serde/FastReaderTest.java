package io.bayesfuse.schemas.serde;

import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.schemas.Contracts;
import io.bayesfuse.schemas.RandomDatum;
import io.bayesfuse.schemas.SchemaHistory;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The deserializers read generated records with Avro's fast reader; it must build what its resolving reader builds. */
class FastReaderTest {

    private static final int SAMPLES = 100;

    @Test
    void generatedRecordsAreReadWithTheFastReader() {
        assertThat(GeneratedClassData.forClass(PosteriorUpdate.class).isFastReaderEnabled()).isTrue();
    }

    /** Random data of every released version of every topic contract, read into the current generated class both ways. */
    @TestFactory
    Stream<DynamicTest> theFastReaderReadsEveryReleasedVersionAsTheResolvingReaderDoes() throws ClassNotFoundException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Schema current : Contracts.TOPIC_VALUE_SCHEMAS) {
            Class<?> type = Class.forName(current.getFullName());
            List<Schema> versions = SchemaHistory.versions(current.getName());
            for (int v = 0; v < versions.size(); v++) {
                Schema released = versions.get(v);
                long seed = 17L * v + current.getName().hashCode();
                tests.add(DynamicTest.dynamicTest(current.getName() + " v" + (v + 1), () -> readsAlike(released, type, seed)));
            }
        }
        return tests.stream();
    }

    private static void readsAlike(Schema writer, Class<?> type, long seed) throws IOException {
        DatumReader<Object> fast = ReaderSchemas.specific(Optional.of(type)).readerFor(writer, 1, "test");
        GeneratedClassData resolvingData = GeneratedClassData.forClass(type);
        resolvingData.setFastReaderEnabled(false);
        DatumReader<Object> resolving = new SpecificDatumReader<>(writer, resolvingData.getSchema(type), resolvingData);
        RandomDatum random = new RandomDatum(seed);
        for (int i = 0; i < SAMPLES; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(writer).write(random.next(writer), encoder);
            encoder.flush();
            byte[] bytes = out.toByteArray();
            Object fastRead = fast.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            Object resolvingRead = resolving.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            assertThat(fastRead).as("datum %d", i).isInstanceOf(type).isEqualTo(resolvingRead);
        }
    }
}
