package io.bayesfuse.app.fuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every fusion scenario of the reference directory (any folder whose config has a {@code fusion}
 * section, so further scenarios in the same format are picked up) through {@code fuse}. The
 * expected file holds the fused posterior after the whole input, one line per quantity; it is
 * compared with the last output line of that quantity: every number within
 * 1e-6·max(1, |expected|), every string and every {@code sources} entry equal. Covariance
 * intersection weights are matched by source, each file's weights following its own
 * {@code sources} order.
 */
class FuseReferenceScenariosTest {

    static final Path REFERENCE = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));
    private static final JsonMapper JSON = new JsonMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyReferenceFusionScenarioFusesWithinTolerance() throws IOException {
        assertThat(REFERENCE.resolve("FORMAT.md")).exists();
        List<Path> scenarios;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            scenarios = dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml")))
                    .filter(FuseReferenceScenariosTest::hasFusionSection)
                    .sorted().toList();
        }
        assertThat(scenarios).extracting(p -> p.getFileName().toString())
                .contains("fuse-product", "fuse-ci-trace", "fuse-fisher");
        return scenarios.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static boolean hasFusionSection(Path dir) {
        try {
            JsonNode config = YAML.readTree(dir.resolve("config.yaml").toFile());
            return config != null && config.hasNonNull("fusion");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(Path dir) throws Exception {
        Path output = temp.resolve(dir.getFileName() + ".jsonl");
        FuseRunner run = FuseRunner.run(dir.resolve("config.yaml"), dir.resolve("input.jsonl"), output);
        assertThat(run.exitCode()).as("exit code; stderr: " + run.stderr()).isZero();

        Map<String, JsonNode> lastPerQuantity = new LinkedHashMap<>();
        for (String line : run.output()) {
            JsonNode node = JSON.readTree(line);
            lastPerQuantity.put(node.get("quantityId").asText(), node);
        }
        List<String> expectedLines = Files.readAllLines(dir.resolve("expected.jsonl")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(expectedLines).isNotEmpty();
        for (String line : expectedLines) {
            JsonNode expected = JSON.readTree(line);
            String quantity = expected.get("quantityId").asText();
            JsonNode actual = lastPerQuantity.get(quantity);
            if (actual == null) {
                fail(dir.getFileName() + ": no output for quantity '" + quantity + "'");
            }
            compare(dir.getFileName() + " " + quantity, expected, actual);
        }
    }

    private static void compare(String where, JsonNode expected, JsonNode actual) {
        for (Map.Entry<String, JsonNode> field : expected.properties()) {
            String name = field.getKey();
            JsonNode actualValue = actual.get(name);
            if (actualValue == null) {
                fail(where + ": output has no '" + name + "'");
            }
            if (name.equals("weights")) {
                compareWeights(where, expected, actual);
            } else if (name.equals("sources")) {
                assertThat(actualValue).as(where + " sources").isEqualTo(field.getValue());
            } else {
                compareValue(where + "." + name, field.getValue(), actualValue);
            }
        }
    }

    private static void compareWeights(String where, JsonNode expected, JsonNode actual) {
        Map<String, Double> e = weightsBySource(expected);
        Map<String, Double> a = weightsBySource(actual);
        assertThat(a.keySet()).as(where + " weights' sources").isEqualTo(e.keySet());
        e.forEach((source, w) -> assertWithin(where + ".weights[" + source + "]", w, a.get(source)));
    }

    private static Map<String, Double> weightsBySource(JsonNode line) {
        List<String> ids = new ArrayList<>();
        line.get("sources").fieldNames().forEachRemaining(ids::add);
        JsonNode weights = line.get("weights");
        assertThat(weights.size()).as("one weight per source").isEqualTo(ids.size());
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            map.put(ids.get(i), weights.get(i).asDouble());
        }
        return map;
    }

    private static void compareValue(String where, JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(where + " is a number").isTrue();
            assertWithin(where, expected.asDouble(), actual.asDouble());
        } else if (expected.isArray()) {
            assertThat(actual.isArray() && actual.size() == expected.size())
                    .as(where + " has " + expected.size() + " entries, got " + actual).isTrue();
            for (int i = 0; i < expected.size(); i++) {
                compareValue(where + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isObject()) {
            compare(where, expected, actual);
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private static void assertWithin(String where, double expected, double actual) {
        double allowed = 1e-6 * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(where + " is " + actual + ", expected " + expected + " within " + allowed);
        }
    }
}
