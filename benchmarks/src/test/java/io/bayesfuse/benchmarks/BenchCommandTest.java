package io.bayesfuse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.BayesfuseCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    private record Run(int status, String out, String err) { }

    private static Run run(String... arguments) {
        CommandLine command = BayesfuseCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute(arguments);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void benchIsRegisteredWithItsSubcommandsAndEachHasHelp() {
        Run bench = run("bench", "--help");
        assertThat(bench.status()).isZero();
        assertThat(bench.out()).contains("pipeline", "scaling", "models", "soak", "-Pjmh");
        Run pipeline = run("bench", "pipeline", "--help");
        assertThat(pipeline.status()).isZero();
        assertThat(pipeline.out()).contains("--records", "--entities", "--threads", "--guarantee", "--rate", "--output",
                "--bootstrap", "--registry", "filterVsBaseline");
        assertThat(run("bench", "scaling", "--help").out()).contains("--entity-counts", "--commit-intervals", "--sweeps",
                "--source-counts");
        assertThat(run("bench", "models", "--help").out()).contains("--parameters", "--sources", "--versions", "--chunk-values",
                "--no-baseline", "-Xmx1g");
        assertThat(run("bench", "soak", "--help").out()).contains("--rate", "--duration", "VmRSS");
        assertThat(run("bench", "tracking", "--help").out()).contains("--targets", "--clutter", "--regions", "--partitions");
    }

    @Test
    void anInvalidOptionIsExitStatusTwoNamingIt() {
        Run run = run("bench", "pipeline", "--guarantee", "maybe");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--guarantee is 'maybe'");
    }

    /** End to end on the embedded broker and registry, with tiny numbers; no timing is asserted. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void pipelineRunsEveryStageAndEndsWithTheJsonLine(@TempDir Path directory) throws Exception {
        Run run = run("bench", "pipeline", "--records", "2000", "--warmup", "200", "--jvm-warmup", "0", "--entities", "50", "--quantities", "2",
                "--sources", "10", "--dimension", "4", "--partitions", "2", "--output", directory.resolve("smoke").toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("stage", "records/s", "p50 ms", "p99 ms");
        assertThat(run.out()).contains("baseline ", "filter ", "baseline-posteriors ", "fusion ", "filter vs baseline: ");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String stage : List.of("baseline", "filter", "baseline-posteriors", "fusion")) {
            JsonNode result = json.path("stages").path(stage);
            assertThat(result.path("outputs").asLong()).as(stage).isEqualTo(2000);
            assertThat(result.path("recordsPerSecond").asDouble()).as(stage).isPositive();
            assertThat(result.path("latencyMs").path("p99").isNumber()).as(stage).isTrue();
            assertThat(result.path("stateStoreBytes").asLong()).as(stage).isPositive();
            assertThat(result.path("deadLetters").asLong()).as(stage).isZero();
            assertThat(result.path("cpuMicrosPerRecord").asDouble()).as(stage).isPositive();
        }
        assertThat(json.path("fusionCpuVsBaseline").asDouble()).isPositive();
        assertThat(json.path("filterVsBaseline").asDouble()).isPositive();
        assertThat(json.path("fusionVsBaseline").asDouble()).isPositive();
        assertThat(Files.readString(directory.resolve("smoke.json")).trim()).isEqualTo(lines.get(lines.size() - 1));
        assertThat(Files.size(directory.resolve("smoke.png"))).isPositive();
        assertThat(run.err()).contains("fusion: 2,000 of 2,000 measured records committed downstream");
    }

    /** Each stage in a child JVM against this process's embedded broker; the parent reports both; no timing is asserted. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void pipelineRunsEachStageInAJvmOfItsOwnWhenAsked() throws Exception {
        Run run = run("bench", "pipeline", "--jvm-per-stage", "--stages", "baseline,filter", "--records", "500", "--warmup", "0",
                "--jvm-warmup", "0", "--entities", "20", "--partitions", "1", "--stall-timeout", "45s");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("baseline: in a JVM of its own", "filter: in a JVM of its own",
                "[filter JVM] filter: 500 of 500 measured records committed downstream");
        List<String> lines = run.out().lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.path("environment").path("jvmPerStage").asBoolean()).isTrue();
        for (String stage : List.of("baseline", "filter")) {
            assertThat(json.path("stages").path(stage).path("outputs").asLong()).as(stage).isEqualTo(500);
            assertThat(json.path("stages").path(stage).path("latencyMs").path("count").asLong()).as(stage).isEqualTo(500);
        }
        assertThat(json.path("filterVsBaseline").asDouble()).isPositive();
    }

    @Test
    void aStageRunAloneGetsEveryOptionOfTheRun() {
        PipelineCommand command = new PipelineCommand();
        new CommandLine(command).parseArgs("--records", "7", "--warmup", "3", "--entities", "5", "--quantities", "4", "--sources",
                "6", "--dimension", "2", "--partitions", "3", "--threads", "2", "--instances", "2", "--guarantee", "at_least_once",
                "--commit-interval-ms", "250", "--rate", "1.5", "--stall-timeout", "2m", "--stages", "baseline,fusion");
        PipelineCommand alone = new PipelineCommand();
        new CommandLine(alone).parseArgs(command.options.arguments(Stage.FUSION).toArray(String[]::new));
        assertThat(alone.options.settings()).isEqualTo(command.options.settings().withStages(List.of(Stage.FUSION)));
        assertThat(alone.options.jvmWarmup).isEqualTo(command.options.jvmWarmup);
    }

    /** The tracking benchmark end to end on the embedded broker, with tiny numbers; no timing is asserted. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void trackingRunsTheTrackerAloneAndTheStageAndWritesItsResults(@TempDir Path directory) throws Exception {
        Run run = run("bench", "tracking", "--targets", "5", "--clutter", "2", "--scans", "40", "--warmup", "5",
                "--regions", "2", "--partitions", "2", "--threads", "1", "--output", directory.resolve("tracking").toString());
        assertThat(run.status()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("tracker alone: ", "| tracker | 1 |", "| stream | 2 | 2 | 1 |");
        JsonNode json = new ObjectMapper().readTree(directory.resolve("tracking.json").toFile());
        assertThat(json.path("targets").asInt()).isEqualTo(5);
        assertThat(json.path("runs")).hasSize(2);
        for (JsonNode r : json.path("runs")) {
            assertThat(r.path("scans").asInt()).as(r.toString()).isEqualTo(40);
            assertThat(r.path("detections").asLong()).as(r.toString()).isPositive();
            assertThat(r.path("scansPerSecond").asDouble()).as(r.toString()).isPositive();
        }
        assertThat(Files.size(directory.resolve("tracking.png"))).isPositive();
    }

    /** The sources sweep end to end with tiny numbers: each K measured after its first arrivals; no timing is asserted. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void scalingSweepsSourcesMeasuringReplacementsAndWritesTableJsonLinesAndChart(@TempDir Path directory) throws Exception {
        Run run = run("bench", "scaling", "--sweeps", "sources", "--source-counts", "2,30", "--records", "40", "--warmup", "0",
                "--jvm-warmup", "0", "--quantities", "2", "--dimension", "4", "--partitions", "2", "--output", directory.toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(directory.resolve("scaling-sources.jsonl"));
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode k2 = json.readTree(lines.get(0));
        JsonNode k30 = json.readTree(lines.get(1));
        assertThat(k2.path("sweep").asText()).isEqualTo("sources");
        assertThat(k2.path("report").path("settings").path("sources").asInt()).isEqualTo(2);
        assertThat(k2.path("report").path("settings").path("records").asLong()).isEqualTo(40);
        assertThat(k2.path("report").path("settings").path("warmupRecords").asLong()).isEqualTo(4);
        assertThat(k30.path("report").path("settings").path("records").asLong()).as("2 quantities x 30 sources").isEqualTo(60);
        assertThat(k30.path("report").path("settings").path("warmupRecords").asLong()).isEqualTo(60);
        for (JsonNode k : List.of(k2, k30)) {
            long records = k.path("report").path("settings").path("records").asLong();
            assertThat(k.path("report").path("stages").path("fusion").path("outputs").asLong()).isEqualTo(records);
            assertThat(k.path("report").path("stages").path("fusion").path("deadLetters").asLong()).isZero();
            assertThat(k.path("report").path("stages").path("baseline-posteriors").path("outputs").asLong()).isEqualTo(records);
            assertThat(k.path("report").path("fusionVsBaseline").asDouble()).isPositive();
        }
        String table = Files.readString(directory.resolve("scaling-sources.md"));
        assertThat(table).contains("Sources per quantity", "| 2 | 4 | 40 |", "| 30 | 60 | 60 |", "Fusion at K = 30 over K = 2: ");
        assertThat(Files.size(directory.resolve("scaling-sources.png"))).isPositive();
    }

    /** The model-size sweep end to end with tiny models: both stages per size, the fused chunks checked; no timing asserted. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void modelsFusesChunkedModelsOfEachSizeAndChecksThemConsistent(@TempDir Path directory) throws Exception {
        Run run = run("bench", "models", "--parameters", "1000,5000", "--chunk-values", "512", "--sources", "3", "--versions", "2",
                "--jvm-warmup-parameters", "0", "--partitions", "2", "--output", directory.resolve("models").toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(directory.resolve("models.jsonl"));
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        List<String> stages = new java.util.ArrayList<>();
        for (String line : lines) {
            JsonNode r = json.readTree(line);
            stages.add(r.path("stage").asText() + " " + r.path("parameters").asLong());
            int chunks = r.path("parameters").asLong() == 1000 ? 2 : 10;
            assertThat(r.path("chunks").asInt()).isEqualTo(chunks);
            assertThat(r.path("outputs").asLong()).isEqualTo(chunks * 3L * 2L);
            assertThat(r.path("deadLetters").asLong()).isZero();
            assertThat(r.path("parametersPerSecond").asDouble()).isPositive();
            assertThat(r.path("heap").path("usedPeakBytes").asLong()).isPositive();
            assertThat(r.path("heap").path("poolPeakBytes").size()).isPositive();
            if (r.path("stage").asText().equals("fusion")) {
                assertThat(r.path("check").path("consistent").asBoolean()).isTrue();
                assertThat(r.path("check").path("chunks").asInt()).isEqualTo(chunks);
                assertThat(r.path("check").path("digest").asText()).isEqualTo(FusedChunkCheck.expectedDigest(3, 2));
            } else {
                assertThat(r.path("check").isMissingNode()).isTrue();
            }
        }
        assertThat(stages).containsExactly("baseline-chunks 1000", "fusion 1000", "baseline-chunks 5000", "fusion 5000");
        assertThat(Files.readString(directory.resolve("models.md"))).contains("| 5,000 | fusion | 10 | 60 |");
        assertThat(Files.size(directory.resolve("models.png"))).isPositive();
        assertThat(run.err()).contains("consistent: 10 chunks, one digest");
    }
}
