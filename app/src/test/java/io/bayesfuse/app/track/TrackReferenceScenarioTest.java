package io.bayesfuse.app.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bayesfuse.app.BayesfuseCommand;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tracking scenario of the reference directory (a folder with a tracking config and an
 * anchor.json) through {@code track}: the output is well formed (the scenario's README rules) and
 * its total GOSPA (p = 1, c = 10, α = 2 over the CONFIRMED tracks' positions, computed here from the
 * output file) is at or below Stone Soup 1.9.1's on the same input: its GNN figure with GNN
 * association, its JPDA figure with JPDA.
 */
class TrackReferenceScenarioTest {

    private static final Path REFERENCE = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyTrackingScenarioScoresAtOrBelowStoneSoup() throws IOException {
        List<Path> scenarios;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            scenarios = dirs.filter(d -> Files.isRegularFile(d.resolve("anchor.json")) && Files.isRegularFile(d.resolve("config.yaml")))
                    .sorted().toList();
        }
        assertThat(scenarios).extracting(p -> p.getFileName().toString()).contains("track-example");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : scenarios) {
            JsonNode anchor = JSON.readTree(dir.resolve("anchor.json").toFile());
            tests.add(DynamicTest.dynamicTest(dir.getFileName() + " with gnn", () ->
                    check(dir, "gnn", anchor.get("gospa_total").asDouble())));
            if (anchor.has("jpda_gospa_total")) {
                tests.add(DynamicTest.dynamicTest(dir.getFileName() + " with jpda", () ->
                        check(dir, "jpda", anchor.get("jpda_gospa_total").asDouble())));
            }
        }
        return tests.stream();
    }

    private void check(Path dir, String association, double stoneSoup) throws IOException {
        ObjectNode yaml = (ObjectNode) YAML.readTree(dir.resolve("config.yaml").toFile());
        ((ObjectNode) yaml.get("tracking")).put("association", association);
        Path config = temp.resolve(dir.getFileName() + "-" + association + ".yaml");
        YAML.writeValue(config.toFile(), yaml);
        Path output = temp.resolve(dir.getFileName() + "-" + association + ".jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BayesfuseCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("track", "--config", config.toString(), "--input", dir.resolve("input.jsonl").toString(),
                        "--output", output.toString(), "--truth", dir.resolve("truth.jsonl").toString());
        assertThat(code).as(err.toString()).isZero();

        List<JsonNode> scans = lines(dir.resolve("input.jsonl"));
        List<JsonNode> tracks = lines(output);
        assertWellFormed(scans, tracks);

        Map<Long, List<double[]>> truth = new HashMap<>();
        for (JsonNode line : lines(dir.resolve("truth.jsonl"))) {
            List<double[]> positions = new ArrayList<>();
            line.get("truth").forEach(t -> positions.add(new double[]{t.get("x").get(0).asDouble(), t.get("x").get(2).asDouble()}));
            truth.put(line.get("timestamp").asLong(), positions);
        }
        Map<Long, List<double[]>> confirmed = new LinkedHashMap<>();
        scans.forEach(s -> confirmed.put(s.get("timestamp").asLong(), new ArrayList<>()));
        for (JsonNode t : tracks) {
            if (t.get("status").asText().equals("CONFIRMED")) {
                confirmed.get(t.get("timestamp").asLong()).add(new double[]{t.get("x").get(0).asDouble(), t.get("x").get(2).asDouble()});
            }
        }
        Gospa gospa = Gospa.standard();
        double total = 0;
        for (Map.Entry<Long, List<double[]>> e : confirmed.entrySet()) {
            total += gospa.between(e.getValue().toArray(double[][]::new),
                    truth.getOrDefault(e.getKey(), List.of()).toArray(double[][]::new)).distance();
        }
        System.out.printf("%s %s: GOSPA %.6f (Stone Soup 1.9.1: %.6f); %s", dir.getFileName(), association, total, stoneSoup, out);
        assertThat(total).as("total GOSPA of " + dir.getFileName() + " with " + association).isLessThanOrEqualTo(stoneSoup + 1e-6);
        assertThat(out.toString()).contains(String.format(java.util.Locale.ROOT, "GOSPA %.6f", total));
    }

    /**
     * The README's rules: every line has a scan time (in scan order), region, trackId, status, 4 finite
     * numbers x and a 4×4 P; at most one line per track and scan; never CONFIRMED back to TENTATIVE; a
     * track alive after a scan has a line at the next scan of its region; DELETED once, nothing after.
     */
    private static void assertWellFormed(List<JsonNode> scans, List<JsonNode> tracks) {
        List<Long> times = scans.stream().map(s -> s.get("timestamp").asLong()).toList();
        Map<String, String> last = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        int scanIndex = 0;
        Set<String> seenThisScan = new HashSet<>();
        Set<String> aliveBefore = new HashSet<>();
        Set<String> aliveNow = new HashSet<>();
        for (JsonNode t : tracks) {
            long time = t.get("timestamp").asLong();
            while (times.get(scanIndex) != time) {
                assertThat(seenThisScan).as("tracks alive before scan %d have a line at it", scanIndex).containsAll(aliveBefore);
                aliveBefore = aliveNow;
                aliveNow = new HashSet<>();
                seenThisScan = new HashSet<>();
                scanIndex++;
                assertThat(scanIndex).as("line at time %d is in scan order", time).isLessThan(times.size());
            }
            String id = t.get("trackId").asText();
            String status = t.get("status").asText();
            assertThat(t.get("region").asText()).isNotEmpty();
            assertThat(seenThisScan.add(id)).as("one line per track and scan: %s at %d", id, time).isTrue();
            assertThat(deleted).as("nothing after DELETED: %s", id).doesNotContain(id);
            assertThat(status).isIn("TENTATIVE", "CONFIRMED", "DELETED");
            if ("CONFIRMED".equals(last.get(id))) {
                assertThat(status).as("%s never goes back to TENTATIVE", id).isNotEqualTo("TENTATIVE");
            }
            assertThat(t.get("x")).hasSize(4);
            t.get("x").forEach(v -> assertThat(Double.isFinite(v.asDouble()) && v.isNumber()).isTrue());
            assertThat(t.get("P")).hasSize(4);
            t.get("P").forEach(row -> assertThat(row).hasSize(4));
            last.put(id, status);
            if (status.equals("DELETED")) {
                deleted.add(id);
            } else {
                aliveNow.add(id);
            }
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
