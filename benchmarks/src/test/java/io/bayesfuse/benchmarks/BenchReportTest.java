package io.bayesfuse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BenchReportTest {

    static PipelineSettings settings(List<Stage> stages) {
        return new PipelineSettings(1000, 0, 10, 2, 3, 4, 2, 1, 1, "exactly_once_v2", null, 0, stages, Duration.ofSeconds(5));
    }

    static StageResult result(Stage stage, double recordsPerSecond) {
        return new StageResult(stage, 1000, 1000, 1000 / recordsPerSecond, recordsPerSecond,
                new LatencySummary(1000, 10, 20, 30, 40), 12345, 0, new CpuTime(1000 / recordsPerSecond, 0.1));
    }

    @Test
    void ratiosCompareEachStageWithTheBaselineOfItsOwnInput() {
        BenchReport report = new BenchReport(settings(PipelineSettings.ALL_STAGES), List.of(result(Stage.BASELINE, 1000),
                result(Stage.FILTER, 800), result(Stage.BASELINE_POSTERIORS, 500), result(Stage.FUSION, 250)), Map.of());
        assertThat(report.filterVsBaseline()).isCloseTo(0.8, within(1e-12));
        assertThat(report.fusionVsBaseline()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void withoutThePosteriorBaselineFusionIsComparedWithTheMeasurementBaseline() {
        BenchReport report = new BenchReport(settings(List.of(Stage.BASELINE, Stage.FUSION)),
                List.of(result(Stage.BASELINE, 1000), result(Stage.FUSION, 100)), Map.of());
        assertThat(report.fusionVsBaseline()).isCloseTo(0.1, within(1e-12));
        assertThat(report.filterVsBaseline()).isNull();
    }

    @Test
    void theJsonLineIsOneLineHoldingEveryStageAndTheRatios() throws Exception {
        BenchReport report = new BenchReport(settings(PipelineSettings.ALL_STAGES), List.of(result(Stage.BASELINE, 1000),
                result(Stage.FILTER, 900), result(Stage.BASELINE_POSTERIORS, 400), result(Stage.FUSION, 300)),
                Map.of("processors", 2));
        String line = report.jsonLine();
        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("stages").fieldNames()).toIterable()
                .containsExactly("baseline", "filter", "baseline-posteriors", "fusion");
        assertThat(json.path("stages").path("filter").path("recordsPerSecond").asDouble()).isEqualTo(900.0);
        assertThat(json.path("stages").path("fusion").path("latencyMs").path("p99").asDouble()).isEqualTo(30.0);
        assertThat(json.path("stages").path("fusion").path("stateStoreBytes").asLong()).isEqualTo(12345);
        assertThat(json.path("filterVsBaseline").asDouble()).isEqualTo(0.9);
        assertThat(json.path("fusionVsBaseline").asDouble()).isEqualTo(0.75);
        assertThat(json.path("settings").path("commitIntervalMs").asInt()).isEqualTo(100);
        assertThat(json.path("environment").path("processors").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingRatioIsNullInTheJsonAndNotApplicableInTheTable() throws Exception {
        BenchReport report = new BenchReport(settings(List.of(Stage.FILTER)), List.of(result(Stage.FILTER, 900)), Map.of());
        assertThat(new ObjectMapper().readTree(report.jsonLine()).path("filterVsBaseline").isNull()).isTrue();
        assertThat(report.table()).contains("filter vs baseline: n/a");
    }

    @Test
    void theTableHasARowPerStage() {
        BenchReport report = new BenchReport(settings(List.of(Stage.BASELINE, Stage.FILTER)),
                List.of(result(Stage.BASELINE, 1000), result(Stage.FILTER, 500)), Map.of());
        assertThat(report.table().lines()).hasSize(5);
        assertThat(report.table()).contains("baseline", "filter", "records/s", "p99 ms", "filter vs baseline: 0.500");
    }

    @Test
    void aStageResultReadsBackFromTheJsonLine() {
        StageResult filter = new StageResult(Stage.FILTER, 1000, 998, 2.5, 399.2, new LatencySummary(998, 10, 20, 30, 40), 12345, 2,
                new CpuTime(4.25, 0.75));
        BenchReport report = new BenchReport(settings(List.of(Stage.BASELINE, Stage.FILTER)),
                List.of(result(Stage.BASELINE, 1000), filter), Map.of());
        assertThat(BenchReport.stageResult(report.jsonLine(), Stage.FILTER)).isEqualTo(filter);
        assertThatThrownBy(() -> BenchReport.stageResult(report.jsonLine(), Stage.FUSION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no result of the stage fusion");
        assertThatThrownBy(() -> BenchReport.stageResult("filter vs baseline: 0.5", Stage.FILTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a benchmark report's JSON line");
    }

    @Test
    void cpuRatiosCompareTheCpuPerRecordWithoutTheCompilers() throws Exception {
        // baseline: (2.0 - 0.5) s over 1000 outputs = 1500 us; filter: (4.0 - 1.0) s over 1000 = 3000 us
        StageResult baseline = new StageResult(Stage.BASELINE, 1000, 1000, 1, 1000, LatencySummary.EMPTY, 1, 0, new CpuTime(2.0, 0.5));
        StageResult filter = new StageResult(Stage.FILTER, 1000, 1000, 2, 500, LatencySummary.EMPTY, 1, 0, new CpuTime(4.0, 1.0));
        BenchReport report = new BenchReport(settings(List.of(Stage.BASELINE, Stage.FILTER)), List.of(baseline, filter), Map.of());
        assertThat(filter.cpuMicrosPerRecord()).isCloseTo(3000, within(1e-9));
        assertThat(report.filterCpuVsBaseline()).isCloseTo(0.5, within(1e-12));
        assertThat(report.fusionCpuVsBaseline()).isNull();
        JsonNode json = new ObjectMapper().readTree(report.jsonLine());
        assertThat(json.path("filterCpuVsBaseline").asDouble()).isEqualTo(0.5);
        assertThat(json.path("stages").path("filter").path("cpuMicrosPerRecord").asDouble()).isEqualTo(3000.0);
        assertThat(json.path("stages").path("filter").path("compilerCpuSeconds").asDouble()).isEqualTo(1.0);
        assertThat(report.table()).contains("CPU per record without the JIT compilers, baseline's over the stage's: filter 0.500");
    }

    @Test
    void compilerThreadsAreFoundByTheirNameInProcStat() {
        assertThat(CpuTime.compilerTicks("4242 (C2 CompilerThre) S 1 1 1 0 -1 4194368 0 0 0 0 731 12 0 0 20 0 1 0")).isEqualTo(743);
        assertThat(CpuTime.compilerTicks("4243 (C1 CompilerThre) S 1 1 1 0 -1 4194368 0 0 0 0 5 1 0 0 20 0 1 0")).isEqualTo(6);
        assertThat(CpuTime.compilerTicks("4244 (bench (x) thread) S 1 1 1 0 -1 4194368 0 0 0 0 99 1 0 0 20 0 1 0")).isZero();
        CpuTime now = CpuTime.now();
        assertThat(now.processSeconds()).isPositive();
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
            assertThat(now.compilerSeconds()).as("this JVM has compiled something by now").isPositive();
        }
        assertThat(now.compilerSeconds()).isLessThanOrEqualTo(now.processSeconds());
    }
}
