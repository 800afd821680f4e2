package io.bayesfuse.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The topic contracts evolve under the registry's default rule, BACKWARD, checked transitively:
 * the current schema reads data written with every released version. Where the rules also allow
 * it (fields added with defaults), readers on a released version read current data (FORWARD).
 * A contract change must add a snapshot: {@code ./mvnw -pl schemas test
 * -Dbayesfuse.schemas.snapshot=true} writes the current schemas as new versions.
 */
class SchemaEvolutionTest {

    private static final int SAMPLES = 200;

    @TestFactory
    Stream<DynamicTest> everyContractIsReleasedAsItsNewestSnapshot() {
        boolean snapshot = Boolean.getBoolean("bayesfuse.schemas.snapshot");
        return Contracts.TOPIC_VALUE_SCHEMAS.stream().map(current -> DynamicTest.dynamicTest(current.getName(), () -> {
            List<Schema> versions = SchemaHistory.versions(current.getName());
            if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(current)) {
                if (snapshot) {
                    SchemaHistory.addVersion(current);
                    return;
                }
                fail(current.getName() + " differs from its newest snapshot in " + SchemaHistory.ROOT
                        + "; if the change is intended, run ./mvnw -pl schemas test -Dbayesfuse.schemas.snapshot=true");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> currentSchemasReadDataOfEveryReleasedVersion() {
        return pairs().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(p.current(), p.released());
            assertThat(result.getType()).as(result.getResult().getIncompatibilities().toString())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertDecodes(p.released(), p.current(), p.seed());
        }));
    }

    @TestFactory
    Stream<DynamicTest> releasedReadersReadCurrentDataWhereTheRulesAllow() {
        return pairs().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(p.released(), p.current());
            if (p.released().getName().equals("ConfigRecord") && !knowsModels(p.released())) {
                // the one change that is not FORWARD-compatible: ConfigRecord v6 added MODEL records (a new
                // settings branch). A release before it cannot read them (it dead-letters them, undecodable);
                // every other record it still reads
                assertThat(result.getResult().getIncompatibilities()).extracting(i -> i.getType().toString(), i -> i.getLocation())
                        .containsOnly(org.assertj.core.groups.Tuple.tuple("MISSING_UNION_BRANCH", "/fields/2/type/5"));
                return;
            }
            // otherwise only added fields with defaults have happened so far, so every pair must be compatible
            assertThat(result.getType()).as(result.getResult().getIncompatibilities().toString())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertDecodes(p.current(), p.released(), p.seed());
        }));
    }

    @Test
    void theCheckCatchesABreakingChange() {
        Schema measurement = Contracts.TOPIC_VALUE_SCHEMAS.get(0);
        // a new required field without a default: new readers cannot read old data
        String withRequiredField = measurement.toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"quality\",\"type\":\"double\"},");
        Schema breaking = new Schema.Parser().parse(withRequiredField);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(breaking, measurement).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        // the same field with a default is a compatible evolution in both directions
        Schema compatible = new Schema.Parser().parse(measurement.toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"quality\",\"type\":[\"null\",\"double\"],\"default\":null},"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(compatible, measurement).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(measurement, compatible).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertDecodes(compatible, measurement, 1);
    }

    @Test
    void everyRecordAndFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (Schema schema : Contracts.TOPIC_VALUE_SCHEMAS) {
            collectUndocumented(schema, new ArrayList<>(), undocumented);
        }
        assertThat(undocumented).isEmpty();
    }

    private static void collectUndocumented(Schema schema, List<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    undocumented.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        undocumented.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, undocumented);
                }
            }
            case ENUM -> {
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    undocumented.add(schema.getFullName());
                }
            }
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), seen, undocumented);
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, undocumented));
            default -> {
            }
        }
    }

    private static boolean knowsModels(Schema configRecord) {
        return configRecord.getField("settings").schema().getTypes().stream().anyMatch(t -> t.getName().equals("ModelSettings"));
    }

    /** Writes random data with {@code writer} and reads it back with {@code reader}. */
    private static void assertDecodes(Schema writer, Schema reader, long seed) {
        RandomDatum random = new RandomDatum(seed);
        for (int i = 0; i < SAMPLES; i++) {
            Object datum = random.next(writer);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                new GenericDatumWriter<>(writer).write(datum, encoder);
                encoder.flush();
                Object read = new GenericDatumReader<>(writer, reader)
                        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
                assertThat(read).isNotNull();
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("datum " + i + " written with " + writer.getName()
                        + " could not be read: " + e, e);
            }
        }
    }

    private record Pair(String name, Schema released, Schema current, long seed) {
    }

    private static Stream<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Schema current : Contracts.TOPIC_VALUE_SCHEMAS) {
            List<Schema> versions = SchemaHistory.versions(current.getName());
            assertThat(versions).as("released versions of " + current.getName()).isNotEmpty();
            for (int v = 0; v < versions.size(); v++) {
                pairs.add(new Pair(current.getName() + " v" + (v + 1), versions.get(v), current, 31L * v + current.getName().hashCode()));
            }
        }
        return pairs.stream();
    }
}
