package io.bayesfuse.app.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.BayesfuseCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrackCommandTest {

    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.1}}
            sensors:
              radar: {measurement: {type: position}, R: [[9, 0], [0, 9]]}
            tracking:
              motionModel: cv
              filter: kf
              detectionProbability: 0.9
              clutterDensity: 1.0e-6
              initiation: {type: m-of-n, m: 2, n: 3}
              deletion: {misses: 2}
              birth: {P: [[9, 0, 0, 0], [0, 100, 0, 0], [0, 0, 9, 0], [0, 0, 0, 100]]}
              regions: {sea-1: {}}
            """;

    @TempDir
    Path temp;

    private record Run(int exitCode, List<JsonNode> output, String stdout, String stderr) {
    }

    private Run track(String config, String... input) throws IOException {
        Path c = Files.writeString(temp.resolve("config.yaml"), config);
        Path in = Files.writeString(temp.resolve("input.jsonl"), String.join("\n", input) + "\n");
        Path out = temp.resolve("out.jsonl");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = BayesfuseCommand.commandLine().setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true))
                .execute("track", "--config", c.toString(), "--input", in.toString(), "--output", out.toString());
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(out)) {
            for (String line : Files.readAllLines(out)) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return new Run(code, lines, stdout.toString(), stderr.toString());
    }

    @Test
    void writesEveryTrackAfterEveryScanAndConfirmsAtTheMthHit() throws IOException {
        Run run = track(CONFIG,
                "{\"timestamp\": 1000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": [{\"z\": [0, 0]}]}",
                "{\"timestamp\": 2000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": [{\"z\": [5, 1]}]}",
                "{\"timestamp\": 3000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": []}",
                "{\"timestamp\": 4000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": []}");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.output()).extracting(n -> n.get("timestamp").asLong() + " " + n.get("trackId").asText() + " " + n.get("status").asText())
                .containsExactly("1000 sea-1/1 TENTATIVE", "2000 sea-1/1 CONFIRMED", "3000 sea-1/1 CONFIRMED", "4000 sea-1/1 DELETED");
        assertThat(run.output().get(3).get("detail").asText()).contains("2 consecutive scans");
        assertThat(run.stdout()).contains("tracked 4 scans");
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndSkippedWhileTheRestIsProcessed() throws IOException {
        Run run = track(CONFIG,
                "{\"timestamp\": 1000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": [{\"z\": [0, 0]}]}",
                "{\"timestamp\": 2000, \"region\": \"sea-2\", \"sensorId\": \"radar\", \"detections\": []}",
                "{\"timestamp\": 2000, \"region\": \"sea-1\", \"sensorId\": \"lidar\", \"detections\": []}",
                "{\"timestamp\": 2000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": [{\"z\": [1, NaN]}]}",
                "{\"timestamp\": 2000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": [{\"z\": [1, 2, 3]}]}",
                "{\"timestamp\": 2000, \"region\": \"sea-1\", \"sensorId\": \"radar\"}",
                "{\"timestamp\": 3000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": [{\"z\": [1, 0]}]}",
                "{\"timestamp\": 2500, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": []}");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(
                "line 2: region 'sea-2' is not one of tracking.regions [sea-1] (skipped)",
                "line 3: scan: sensorId 'lidar' is not a tracking sensor (configured: [radar]) (skipped)",
                "line 4: sensor 'radar': detections[0].z",
                "line 5: sensor 'radar': detections[0].z has 3 components but its position of 2 axes measures 2 (skipped)",
                "line 6: detections must be a list",
                "line 8: too late: scan at 2500 is older than the region's newest (3000)",
                "bayesfuse track: 6 of 8 lines skipped");
        assertThat(run.output()).extracting(n -> n.get("status").asText()).containsExactly("TENTATIVE", "CONFIRMED");
    }

    @Test
    void aConfigurationThatCannotTrackIsRefusedNamingTheSetting() throws IOException {
        Run run = track(CONFIG.replace("filter: kf", "filter: kf\n  association: nearest"),
                "{\"timestamp\": 1000, \"region\": \"sea-1\", \"sensorId\": \"radar\", \"detections\": []}");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("tracking.association: is 'nearest', expected one of [gnn, jpda]");
        Run wrongBirth = track(CONFIG.replace("birth: {P: [[9, 0, 0, 0], [0, 100, 0, 0], [0, 0, 9, 0], [0, 0, 0, 100]]}",
                "birth: {P: [[9, 0], [0, 9]]}"), "{}");
        assertThat(wrongBirth.exitCode()).isEqualTo(2);
        assertThat(wrongBirth.stderr()).contains("tracking.birth.P: is 2x2 but the tracks' state");
    }
}
