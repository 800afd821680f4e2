package io.bayesfuse.app.simulate;

import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.simulation.LearnerPosterior;
import io.bayesfuse.kernels.simulation.ReadingKind;
import io.bayesfuse.kernels.simulation.SensorReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationRecordsTest {

    @Test
    void aReadingBecomesAMeasurementAtTheStartPlusItsTime() {
        Measurement m = SimulationRecords.measurement(new SensorReading("target-01", "velocity-net", 1500,
                new double[]{1.5, -2.0}, new double[][]{{2, 0}, {0, 3}}, ReadingKind.TRUE), 1_700_000_000_000L);
        assertThat(m.getEntityId()).isEqualTo("target-01");
        assertThat(m.getSensorId()).isEqualTo("velocity-net");
        assertThat(m.getTimestamp().toEpochMilli()).isEqualTo(1_700_000_001_500L);
        assertThat(m.getZ()).containsExactly(1.5, -2.0);
        assertThat(((FullCovariance) m.getR()).getMatrix().getValues()).containsExactly(2.0, 0.0, 0.0, 3.0);
        Measurement plain = SimulationRecords.measurement(new SensorReading("e", "gps", 0, new double[]{1, 2}, null,
                ReadingKind.CLUTTER), 0);
        assertThat(plain.getR()).isNull();
    }

    @Test
    void aLearnersPosteriorBecomesAnInformationFormUpdate() {
        PosteriorUpdate u = SimulationRecords.posteriorUpdate(new LearnerPosterior("demand-model", "learner-2", 4, 2000,
                new double[][]{{2, 1}, {1, 3}}, new double[]{0.5, -1}, 32), 1000);
        assertThat(u.getQuantityId()).isEqualTo("demand-model");
        assertThat(u.getSourceId()).isEqualTo("learner-2");
        assertThat(u.getVersion()).isEqualTo(4);
        assertThat(u.getTimestamp().toEpochMilli()).isEqualTo(3000);
        GaussianPosterior g = (GaussianPosterior) u.getPosterior();
        assertThat(g.getMean()).isNull();
        InformationForm info = (InformationForm) g.getCovariance();
        assertThat(info.getPrecision().getValues()).containsExactly(2.0, 1.0, 1.0, 3.0);
        assertThat(info.getInformation()).containsExactly(0.5, -1.0);
    }

    @Test
    void durationsReadInCommonUnits() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void theSummaryCountsKindsAndDelays() {
        SimulationCounts counts = new SimulationCounts();
        counts.measurement(ReadingKind.TRUE, false);
        counts.measurement(ReadingKind.CLUTTER, true);
        counts.posteriorUpdate();
        assertThat(counts.measurements()).isEqualTo(2);
        assertThat(counts.delayed()).isEqualTo(1);
        assertThat(counts.of(ReadingKind.CLUTTER)).isEqualTo(1);
        assertThat(counts.posteriorUpdates()).isEqualTo(1);
        assertThat(List.of(counts.of(ReadingKind.NON_FINITE))).containsExactly(0L);
    }
}
