package io.bayesfuse.topology.filtering;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.ReferenceScenarios;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.assembly.TrackerFactory;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.bayesfuse.topology.ReferenceScenarios.doubles;
import static io.bayesfuse.topology.ReferenceScenarios.matrix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter scenario of the reference, fed as Avro records through the topology, gives the
 * numbers of the kernels' per-entity logic run directly (what {@code replay} runs) to 1e-9 and
 * the independently computed expected file to 1e-6.
 */
class FilterStageReferenceTest {

    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @TestFactory
    Stream<DynamicTest> everyFilterScenarioMatchesThroughTheTopology() {
        return ReferenceScenarios.withSection("filter").stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            BayesfuseConfig config = ConfigLoader.load(dir.resolve("config.yaml"));
            List<JsonNode> input = ReferenceScenarios.lines(dir.resolve("input.jsonl"));
            List<JsonNode> expected = ReferenceScenarios.lines(dir.resolve("expected.jsonl"));
            List<Estimate> streamed = stream(config, input, stateDir.resolve(dir.getFileName()));
            List<TrackingResult> direct = direct(config, input);

            assertThat(streamed).hasSameSizeAs(input);
            for (int i = 0; i < input.size(); i++) {
                Estimate e = streamed.get(i);
                TrackingResult d = direct.get(i);
                String where = dir.getFileName() + " line " + (i + 1);
                assertThat(e.getStatus().name()).as(where).isEqualTo(d.status().name());
                assertClose(e.getMean(), d.x(), 1e-9, where + " x vs direct");
                assertClose(e.getCovariance(), d.P(), 1e-9, where + " P vs direct");
            }
            boolean finalStatesOnly = expected.size() != input.size();
            if (finalStatesOnly) {
                Map<String, Estimate> last = new LinkedHashMap<>();
                streamed.forEach(e -> last.put(e.getEntityId(), e));
                for (JsonNode x : expected) {
                    Estimate e = last.get(x.get("entityId").asText());
                    String where = dir.getFileName() + " entity " + x.get("entityId").asText();
                    assertClose(e.getMean(), doubles(x.get("x")), 1e-6, where + " x vs expected");
                    assertClose(e.getCovariance(), matrix(x.get("P")), 1e-6, where + " P vs expected");
                }
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    Estimate e = streamed.get(i);
                    JsonNode x = expected.get(i);
                    String where = dir.getFileName() + " line " + (i + 1);
                    assertThat(e.getStatus().name()).as(where).isEqualTo(x.get("status").asText());
                    assertClose(e.getMean(), doubles(x.get("x")), 1e-6, where + " x vs expected");
                    assertClose(e.getCovariance(), matrix(x.get("P")), 1e-6, where + " P vs expected");
                    assertThat(e.getNis()).as(where + " nis").isNotNull();
                    assertThat(e.getNis()).as(where + " nis").isCloseTo(x.get("nis").asDouble(),
                            org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, Math.abs(x.get("nis").asDouble()))));
                }
            }
        }));
    }

    private List<Estimate> stream(BayesfuseConfig config, List<JsonNode> input, Path state) {
        try (StageDriver d = new StageDriver(config, registry.url(), state)) {
            for (JsonNode line : input) {
                Measurement m = measurement(line);
                d.measurements.pipeInput(m.getEntityId(), m, m.getTimestamp());
            }
            assertThat(d.deadLetters.readValuesToList()).isEmpty();
            return d.estimates.readValuesToList();
        }
    }

    private static List<TrackingResult> direct(BayesfuseConfig config, List<JsonNode> input) {
        EntityTracker tracker = TrackerFactory.create(config);
        Map<String, EntityState> states = new HashMap<>();
        List<TrackingResult> results = new ArrayList<>();
        for (JsonNode line : input) {
            String entity = line.get("entityId").asText();
            TrackingResult r = tracker.process(entity, states.get(entity), new io.bayesfuse.kernels.entity.Measurement(
                    line.get("sensorId").asText(), line.get("timestamp").asLong(), doubles(line.get("z")),
                    line.has("R") ? matrix(line.get("R")) : null));
            states.put(entity, r.state());
            results.add(r);
        }
        return results;
    }

    static Measurement measurement(JsonNode line) {
        Measurement.Builder b = Measurement.newBuilder()
                .setEntityId(line.get("entityId").asText())
                .setSensorId(line.get("sensorId").asText())
                .setTimestamp(Instant.ofEpochMilli(line.get("timestamp").asLong()))
                .setZ(list(doubles(line.get("z"))));
        if (line.has("R")) {
            double[][] R = matrix(line.get("R"));
            List<Double> values = new ArrayList<>();
            for (double[] row : R) {
                for (double v : row) {
                    values.add(v);
                }
            }
            b.setR(new FullCovariance(new Matrix(R.length, R.length, values)));
        }
        return b.build();
    }

    static List<Double> list(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    static void assertClose(List<Double> actual, double[] expected, double tolerance, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual.get(i) - expected[i])).as(what + "[" + i + "]")
                    .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected[i])));
        }
    }

    static void assertClose(Matrix actual, double[][] expected, double tolerance, String what) {
        assertThat(actual.getRows()).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double a = actual.getValues().get(i * actual.getCols() + j);
                assertThat(Math.abs(a - expected[i][j])).as(what + "[" + i + "][" + j + "]")
                        .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected[i][j])));
            }
        }
    }
}
