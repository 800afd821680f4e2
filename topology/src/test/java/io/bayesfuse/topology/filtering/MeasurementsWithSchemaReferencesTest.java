package io.bayesfuse.topology.filtering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer that registers {@code Measurement} with its common types as schema references, as
 * Confluent's serializers do for a schema whose referenced types are registered under subjects of
 * their own: the types first, each under its full name (Confluent's default reference subject
 * name strategy), then {@code Measurement} naming them. The filter stage reads what it writes.
 */
class MeasurementsWithSchemaReferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    /** {@code POST /subjects/{subject}/versions} with the body a Confluent client sends; returns the id. */
    private int register(String subject, Schema schema, List<Schema> referenced) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString(referenced, false));
        referenced.forEach(r -> body.withArray("references").addObject()
                .put("name", r.getFullName()).put("subject", r.getFullName()).put("version", 1));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject
                        + "/versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("registering %s: %s", subject, response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        return answer.get("id").asInt();
    }

    /** The Confluent wire format: magic byte 0, the schema id, the Avro binary. */
    private static byte[] wireFormat(int id, Measurement measurement) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Measurement.class).write(measurement, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void theFilterStageReadsMeasurementsWhoseSchemaReferencesItsCommonTypes() throws Exception {
        Schema matrix = Matrix.getClassSchema();
        Schema full = FullCovariance.getClassSchema();
        Schema diagonal = DiagonalCovariance.getClassSchema();
        register(matrix.getFullName(), matrix, List.of());
        register(full.getFullName(), full, List.of(matrix));
        register(diagonal.getFullName(), diagonal, List.of());

        try (StageDriver d = new StageDriver(ConfigLoader.parse(FilterStageBehaviourTest.CONFIG, "test"), registry.url(),
                stateDir, StreamsConfig.AT_LEAST_ONCE)) {
            int id = register(d.topics.measurements() + "-value", Measurement.getClassSchema(), List.of(full, diagonal));
            Measurement plain = FilterStageBehaviourTest.gps("t1", 1_000, 0.5, -0.2);
            Measurement withFullR = Measurement.newBuilder(FilterStageBehaviourTest.gps("t1", 1_100, 0.6, -0.1))
                    .setR(new FullCovariance(new Matrix(2, 2, List.of(4.0, 0.0, 0.0, 4.0)))).build();
            Measurement withDiagonalR = Measurement.newBuilder(FilterStageBehaviourTest.gps("t1", 1_200, 0.7, 0.0))
                    .setR(new DiagonalCovariance(List.of(4.0, 4.0))).build();
            for (Measurement m : List.of(plain, withFullR, withDiagonalR)) {
                d.rawMeasurements.pipeInput("t1".getBytes(), wireFormat(id, m), m.getTimestamp().toEpochMilli());
            }

            assertThat(d.deadLetters.readValuesToList()).extracting(DeadLetter::getMessage).isEmpty();
            assertThat(d.estimates.readValuesToList()).as("one estimate per measurement read")
                    .extracting(e -> e.getMeasurementTimestamp().toEpochMilli()).containsExactly(1_000L, 1_100L, 1_200L);
        }
    }
}
