package io.bayesfuse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter scenario of the reference directory (any folder whose config has a {@code filter}
 * section, so further scenarios of the same format are picked up) through {@code replay}: every
 * number within 1e-6·max(1, |expected|), every status equal (FORMAT.md). Where expected.jsonl
 * holds fewer lines than the input (the out-of-order scenario) it holds each entity's in-order
 * final state, compared with the entity's last output line (x and P).
 */
class ReferenceScenariosTest {

    static final Path REFERENCE = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyReferenceFilterScenarioReplaysWithinTolerance() throws IOException {
        assertThat(REFERENCE.resolve("FORMAT.md")).exists();
        List<Path> scenarios;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            scenarios = dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml")))
                    .filter(d -> ConfigLoader.load(d.resolve("config.yaml")).filter() != null)
                    .sorted().toList();
        }
        assertThat(scenarios).extracting(p -> p.getFileName().toString())
                .contains("kf-cv2d", "kf-gating", "kf-out-of-order", "ekf-range-bearing", "ukf-range-bearing");
        return scenarios.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    /**
     * The other filters must agree with the references where the mathematics says they are the
     * same: the (extended) information filter is the KF/EKF in another parameterisation, and an
     * IMM of two copies of one model is that model's filter.
     */
    @TestFactory
    Stream<DynamicTest> equivalentFiltersReplayTheKalmanReferencesToo() throws IOException {
        List<Path> scenarios;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            scenarios = dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml")))
                    .filter(d -> {
                        BayesfuseConfig c = ConfigLoader.load(d.resolve("config.yaml"));
                        return c.filter() != null && List.of("kf", "ekf").contains(c.filter().type());
                    })
                    .sorted().toList();
        }
        assertThat(scenarios).isNotEmpty();
        return scenarios.stream().flatMap(dir -> Stream.of(
                DynamicTest.dynamicTest(dir.getFileName() + " as an information filter", () -> {
                    ObjectNode yaml = (ObjectNode) YAML.readTree(dir.resolve("config.yaml").toFile());
                    ((ObjectNode) yaml.get("filter")).put("type", "information");
                    check(dir, write(dir, "information", yaml));
                }),
                DynamicTest.dynamicTest(dir.getFileName() + " as an IMM of two copies of its model", () -> {
                    ObjectNode yaml = (ObjectNode) YAML.readTree(dir.resolve("config.yaml").toFile());
                    ObjectNode filter = (ObjectNode) yaml.get("filter");
                    String model = filter.get("motionModel").asText();
                    ((ObjectNode) yaml.get("motionModels")).set(model + "-copy", yaml.get("motionModels").get(model));
                    ObjectNode imm = filter.putObject("imm");
                    imm.putArray("models").add(model).add(model + "-copy");
                    imm.putArray("transition").add(YAML.createArrayNode().add(0.9).add(0.1)).add(YAML.createArrayNode().add(0.2).add(0.8));
                    imm.put("modeFilter", filter.get("type").asText());
                    filter.remove("motionModel");
                    filter.put("type", "imm");
                    check(dir, write(dir, "imm", yaml));
                })));
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private Path write(Path dir, String variant, ObjectNode yaml) throws IOException {
        Path file = temp.resolve(dir.getFileName() + "-" + variant + ".yaml");
        YAML.writeValue(file.toFile(), yaml);
        return file;
    }

    private void check(Path dir) throws IOException {
        check(dir, dir.resolve("config.yaml"));
    }

    private void check(Path dir, Path configFile) throws IOException {
        BayesfuseConfig config = ConfigLoader.load(configFile);
        Path output = temp.resolve(dir.getFileName() + "-" + configFile.getFileName() + ".jsonl");
        ReplayRunner.Run run = ReplayRunner.replay(configFile, dir.resolve("input.jsonl"), output);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<JsonNode> expected = ReplayRunner.readLines(dir.resolve("expected.jsonl"));
        List<JsonNode> actual = run.output();
        long inputLines = Files.readAllLines(dir.resolve("input.jsonl")).stream().filter(l -> !l.isBlank()).count();
        assertThat(actual).hasSize((int) inputLines);
        if (expected.size() == inputLines) {
            for (int i = 0; i < expected.size(); i++) {
                JsonNode e = expected.get(i);
                JsonNode a = actual.get(i);
                String where = dir.getFileName() + " line " + (i + 1);
                for (String field : new String[]{"entityId", "sensorId", "timestamp", "status"}) {
                    assertThat(a.get(field)).as(where + " " + field).isEqualTo(e.get(field));
                }
                assertClose(a.get("x"), e.get("x"), where + " x");
                assertClose(a.get("P"), e.get("P"), where + " P");
                assertClose(a.get("nis"), e.get("nis"), where + " nis");
            }
        } else {
            assertThat(config.filter().outOfOrder()).as("only an out-of-order scenario lists final states").isNotNull();
            Map<String, JsonNode> last = new LinkedHashMap<>();
            for (JsonNode a : actual) {
                last.put(a.get("entityId").asText(), a);
            }
            for (JsonNode e : expected) {
                String entity = e.get("entityId").asText();
                assertThat(last).as(dir.getFileName().toString()).containsKey(entity);
                assertClose(last.get(entity).get("x"), e.get("x"), dir.getFileName() + " " + entity + " x");
                assertClose(last.get(entity).get("P"), e.get("P"), dir.getFileName() + " " + entity + " P");
            }
        }
    }

    static void assertClose(JsonNode actual, JsonNode expected, String where) {
        if (expected.isArray()) {
            assertThat(actual.isArray()).as(where).isTrue();
            assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertClose(actual.get(i), expected.get(i), where + "[" + i + "]");
            }
            return;
        }
        double e = expected.asDouble();
        assertThat(actual.isNumber()).as(where + " is a number").isTrue();
        assertThat(Math.abs(actual.asDouble() - e)).as(where + ": %s vs expected %s", actual, expected)
                .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(e)));
    }
}
