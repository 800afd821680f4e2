package io.bayesfuse.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartTest {

    @TempDir
    Path directory;

    @Test
    void thePipelineReportIsWrittenAsJsonAndAPngOfTwoCharts() throws Exception {
        BenchReport report = new BenchReport(BenchReportTest.settings(PipelineSettings.ALL_STAGES),
                List.of(BenchReportTest.result(Stage.BASELINE, 1000), BenchReportTest.result(Stage.FILTER, 800)), Map.of());
        PipelineCommand.write(report, directory.resolve("sub/pipeline.json"));
        assertThat(Files.readString(directory.resolve("sub/pipeline.json")).trim()).isEqualTo(report.jsonLine());
        BufferedImage png = ImageIO.read(directory.resolve("sub/pipeline.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1280);
        assertThat(png.getHeight()).isEqualTo(420);
    }

    @Test
    void aSoakRunIsWrittenAsCsvJsonAndPng() throws Exception {
        List<SoakSample> samples = List.of(new SoakSample(5, 100, 99, 3, 500_000_000, 1_000_000, 12, 80),
                new SoakSample(10, 100, 101, 0, 510_000_000, 1_200_000, 11, 90));
        SoakRun.Settings settings = new SoakRun.Settings(100, Duration.ofSeconds(10), Duration.ofSeconds(5), 10, 2, 3, 4, 0.1,
                2, 1, "exactly_once_v2", null);
        SoakCommand.write(samples, settings, Map.of("processors", 2), directory.resolve("soak"));
        assertThat(Files.readAllLines(directory.resolve("soak.csv")))
                .containsExactly(SoakSample.CSV_HEADER, "5.0,100.0,99.0,3,500000000,1000000,12,80",
                        "10.0,100.0,101.0,0,510000000,1200000,11,90");
        assertThat(Files.readString(directory.resolve("soak.json"))).contains("\"maxLag\" : 3", "\"samples\"");
        assertThat(ImageIO.read(directory.resolve("soak.png").toFile()).getWidth()).isEqualTo(900);
    }

    @Test
    void aLineChartWithALogarithmicAxisIsDrawn() throws Exception {
        Path png = directory.resolve("lines.png");
        Chart.write(png, 300, 200, Chart.lines("t", "entities", "records/s",
                List.of(new Chart.Series("a", List.of(new double[] {100, 5}, new double[] {10_000, 4}))), true));
        assertThat(Files.size(png)).isPositive();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(300);
    }
}
