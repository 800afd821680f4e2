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
 * {@code sources} order. Sample-based scenarios ({@code dcfuse-*}, whose expected file is
 * {@code expected.json}) are scored as their README says: the last line names every source at its
 * newest version and carries exactly {@code draws} finite samples, at least 10% of them distinct,
 * with {@code mean} and {@code covariance} equal to their moments, within 0.15 sd and 15% (Frobenius)
 * of the exact product's (the energy-distance part of the score is in the kernels'
 * {@code DcfuseExampleTest}).
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
        if (!Files.exists(dir.resolve("expected.jsonl")) && Files.exists(dir.resolve("expected.json"))) {
            checkSamples(dir, run);
            return;
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

    private static void checkSamples(Path dir, FuseRunner run) throws IOException {
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        String where = dir.getFileName().toString();
        JsonNode last = JSON.readTree(run.output().get(run.output().size() - 1));
        assertThat(versions(last.get("sources"))).as(where + " sources").isEqualTo(versions(expected.get("sourceVersions")));
        int d = expected.get("dimension").asInt();
        JsonNode samples = last.get("samples");
        assertThat(samples.size()).as(where + " draws").isEqualTo(expected.get("draws").asInt());
        double[] mean = new double[d];
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (JsonNode row : samples) {
            distinct.add(row.toString());
            for (int i = 0; i < d; i++) {
                assertThat(Double.isFinite(row.get(i).asDouble())).as(where + " finite draws").isTrue();
                mean[i] += row.get(i).asDouble() / samples.size();
            }
        }
        assertThat(distinct.size()).as(where + " distinct draws").isGreaterThanOrEqualTo(samples.size() / 10);
        double[][] covariance = new double[d][d];
        for (JsonNode row : samples) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covariance[i][j] += (row.get(i).asDouble() - mean[i]) * (row.get(j).asDouble() - mean[j]) / (samples.size() - 1);
                }
            }
        }
        JsonNode exact = expected.get("exact");
        double worstMean = 0;
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < d; i++) {
            assertThat(last.get("mean").get(i).asDouble()).as(where + " mean of the draws").isCloseTo(mean[i],
                    org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(mean[i]))));
            double C = exact.get("covariance").get(i).get(i).asDouble();
            worstMean = Math.max(worstMean, Math.abs(mean[i] - exact.get("mean").get(i).asDouble()) / Math.sqrt(C));
            for (int j = 0; j < d; j++) {
                assertThat(last.get("covariance").get(i).get(j).asDouble()).as(where + " covariance of the draws")
                        .isCloseTo(covariance[i][j], org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(covariance[i][j]))));
                double e = exact.get("covariance").get(i).get(j).asDouble();
                diff += (covariance[i][j] - e) * (covariance[i][j] - e);
                norm += e * e;
            }
        }
        assertThat(worstMean).as(where + " max |mean − μ|/√C").isLessThan(expected.get("thresholds").get("meanStd").asDouble());
        assertThat(Math.sqrt(diff / norm)).as(where + " ‖Ĉ − C‖/‖C‖").isLessThan(expected.get("thresholds").get("covRel").asDouble());
    }

    private static Map<String, Long> versions(JsonNode node) {
        Map<String, Long> map = new java.util.TreeMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
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
