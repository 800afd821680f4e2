package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchPiecesTest {

    @Test
    void measurementsVisitTheEntitiesRoundRobinStampedWithTheGivenTime() {
        MeasurementWorkload workload = new MeasurementWorkload(3);
        assertThat(List.of(workload.key(0), workload.key(1), workload.key(2), workload.key(3)))
                .containsExactly("entity-0", "entity-1", "entity-2", "entity-0");
        Measurement m = workload.value(4, 1_700_000_000_000L);
        assertThat(m.getEntityId()).isEqualTo("entity-1");
        assertThat(m.getSensorId()).isEqualTo(MeasurementWorkload.SENSOR);
        assertThat(m.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(m.getZ()).hasSize(2);
    }

    @Test
    void everySourceOfEveryQuantityGetsIncreasingVersions() {
        PosteriorWorkload workload = new PosteriorWorkload(2, 3, 4);
        Map<String, Long> lastVersion = new HashMap<>();
        for (long i = 0; i < 60; i++) {
            PosteriorUpdate update = workload.value(i, 0);
            assertThat(update.getQuantityId()).isEqualTo(workload.key(i));
            String source = update.getQuantityId() + "/" + update.getSourceId();
            Long previous = lastVersion.put(source, update.getVersion());
            if (previous != null) {
                assertThat(update.getVersion()).isGreaterThan(previous);
            }
        }
        assertThat(lastVersion).hasSize(6);
        InformationForm form = (InformationForm) ((GaussianPosterior) workload.value(0, 0).getPosterior()).getCovariance();
        assertThat(form.getPrecision().getValues()).hasSize(16);
        assertThat(form.getInformation()).hasSize(4);
    }

    @Test
    void posteriorValuesFollowTheirFormulaAtEveryIndex() {
        PosteriorWorkload workload = new PosteriorWorkload(3, 7, 5);
        for (long i = 0; i < 400; i += 7) {
            InformationForm form = (InformationForm) ((GaussianPosterior) workload.value(i, 0).getPosterior()).getCovariance();
            for (int row = 0; row < 5; row++) {
                for (int column = 0; column < 5; column++) {
                    double expected = row == column ? 1.0 + ((i + row) % 10) / 10.0 : 0.0;
                    assertThat(form.getPrecision().getValues().get(row * 5 + column)).as("record %d, (%d, %d)", i, row, column)
                            .isEqualTo(expected);
                }
                assertThat(form.getInformation().get(row)).isEqualTo(((i + row) % 13) / 13.0 - 0.5);
            }
        }
    }

    @Test
    void thePacerSpacesItemsByTheRateOrNotAtAll() {
        assertThat(Pacer.dueNanos(10, 1000)).isEqualTo(10_000_000L);
        assertThat(Pacer.dueNanos(10, 0)).isZero();
    }

    @Test
    void vmRssIsReadFromTheStatusFileInBytes() {
        assertThat(ProcessMemory.parseVmRssBytes(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads: 3")))
                .isEqualTo(123456L * 1024);
        assertThat(ProcessMemory.parseVmRssBytes(List.of("Name:\tjava"))).isEqualTo(-1);
        assertThat(ProcessMemory.residentBytes()).isPositive();   // the build runs on Linux
    }

    @Test
    void settingsNameTheWrongOption() {
        assertThatThrownBy(() -> new PipelineSettings(10, 0, 1, 1, 1, 1, 1, 1, 1, "exactly_twice", null, 0,
                PipelineSettings.ALL_STAGES, Duration.ofSeconds(1))).hasMessageContaining("--guarantee");
        assertThatThrownBy(() -> new PipelineSettings(0, 0, 1, 1, 1, 1, 1, 1, 1, "at_least_once", null, 0,
                PipelineSettings.ALL_STAGES, Duration.ofSeconds(1))).hasMessageContaining("--records");
        assertThatThrownBy(() -> Stage.ofLabel("maths")).hasMessageContaining("unknown stage 'maths'");
    }

    @Test
    void theCommitIntervalDefaultsToKafkaStreamsOwnPerGuarantee() {
        PipelineSettings exactlyOnce = BenchReportTest.settings(List.of(Stage.FILTER));
        assertThat(exactlyOnce.effectiveCommitIntervalMs()).isEqualTo(100);
        assertThat(exactlyOnce.withGuarantee("at_least_once", null).effectiveCommitIntervalMs()).isEqualTo(30_000);
        assertThat(exactlyOnce.withGuarantee("at_least_once", 250).effectiveCommitIntervalMs()).isEqualTo(250);
    }

    @Test
    void theBenchmarkConfigurationsAreValid() {
        var filter = BenchConfigs.of("bench-x", 2, true, 0, Map.of("bootstrap.servers", "localhost:1"),
                Map.of("schema.registry.url", "http://localhost:2"));
        assertThat(filter.filter()).isNotNull();
        assertThat(filter.hasFusion()).isFalse();
        assertThat(filter.application().topicNames().measurements()).isEqualTo("bench-x.measurements");
        var fusion = BenchConfigs.of("bench-y", 2, false, 16, Map.of("bootstrap.servers", "localhost:1"),
                Map.of("schema.registry.url", "http://localhost:2"));
        assertThat(fusion.hasFusion()).isTrue();
        assertThat(fusion.filter()).isNull();
    }
}
