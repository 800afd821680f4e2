package io.bayesfuse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {

    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
            """;

    @TempDir
    Path temp;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndSkippedWhileTheRestIsProcessed() throws IOException {
        Path config = write("config.yaml", CONFIG);
        Path input = write("input.jsonl", String.join("\n",
                "{\"entityId\": \"t1\", \"sensorId\": \"gps\", \"timestamp\": 1000, \"z\": [1.0, 2.0]}",
                "{\"entityId\": \"t1\", \"sensorId\": \"gps\", \"timestamp\": 1100, \"z\": [1.0, 2.0, 3.0]}",
                "this is not json",
                "{\"entityId\": \"t1\", \"sensorId\": \"lidar\", \"timestamp\": 1200, \"z\": [1.0, 2.0]}",
                "{\"entityId\": \"t1\", \"sensorId\": \"gps\", \"timestamp\": 1300, \"z\": [1.0, 2.0], \"R\": [[1, 2], [2, 1]]}",
                "{\"entityId\": \"t1\", \"sensorId\": \"gps\", \"timestamp\": \"soon\", \"z\": [1.0, 2.0]}",
                "{\"entityId\": \"t1\", \"sensorId\": \"gps\", \"timestamp\": 1400, \"z\": [1.5, 2.5]}",
                "{\"entityId\": \"t1\", \"sensorId\": \"gps\", \"timestamp\": 900, \"z\": [1.5, 2.5], \"R\": [[9, 0], [0, 9]]}",
                ""));
        ReplayRunner.Run run = ReplayRunner.replay(config, input, temp.resolve("out.jsonl"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(
                "line 2: sensor 'gps': z has 3 components but its position of 2 axes measures 2 (skipped)",
                "line 3: not valid JSON",
                "line 4: measurement: sensorId 'lidar' is not a configured sensor (configured: [gps]) (skipped)",
                "line 5: sensor 'gps': R is not positive definite (skipped)",
                "line 6: timestamp must be an integer (epoch milliseconds), got \"soon\" (skipped)",
                "bayesfuse replay: 5 of 8 lines skipped");
        assertThat(run.output()).extracting(n -> n.get("status").asText()).containsExactly("UPDATED", "UPDATED", "TOO_LATE");
        assertThat(run.output().get(2).get("nis").isNull()).isTrue();
        assertThat(run.output().get(2).get("detail").asText()).contains("out-of-order handling is off");
    }

    @Test
    void anInvalidConfigurationStopsBeforeAnyOutput() throws IOException {
        Path config = write("config.yaml", CONFIG.replace("type: kf", "type: xkf"));
        Path input = write("input.jsonl", "");
        ReplayRunner.Run run = ReplayRunner.replay(config, input, temp.resolve("out.jsonl"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("filter.type: is 'xkf'");
        assertThat(temp.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void aMissingInputFileIsOneSentenceNotAStackTrace() throws IOException {
        Path config = write("config.yaml", CONFIG);
        Path missing = temp.resolve("nowhere.jsonl");
        ReplayRunner.Run run = ReplayRunner.replay(config, missing, temp.resolve("out.jsonl"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("bayesfuse replay: the input file '" + missing + "' does not exist"
                + System.lineSeparator());
        assertThat(temp.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void helpDocumentsTheFormatsAndTheHandlingOfBadLines() {
        StringWriter out = new StringWriter();
        int code = BayesfuseCommand.commandLine().setOut(new PrintWriter(out, true)).execute("replay", "--help");
        assertThat(code).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--config", "--input", "--output", "REVISED", "TOO_LATE",
                "does not stop the replay", "line N: problem", "Exit status");
    }

    @Test
    void aParticleFilterReplayIsReproducibleBitForBit() throws IOException {
        Path reference = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference")).resolve("kf-out-of-order");
        Path config = write("particle.yaml", Files.readString(reference.resolve("config.yaml"))
                .replace("type: kf", "type: particle\n  particle: {particles: 500, resampleThreshold: 0.5, seed: 99}"));
        ReplayRunner.Run first = ReplayRunner.replay(config, reference.resolve("input.jsonl"), temp.resolve("a.jsonl"));
        ReplayRunner.Run second = ReplayRunner.replay(config, reference.resolve("input.jsonl"), temp.resolve("b.jsonl"));
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.output()).hasSize(120).isEqualTo(second.output());
        assertThat(first.output()).extracting(n -> n.get("status").asText()).contains("UPDATED", "REVISED");
    }
}
