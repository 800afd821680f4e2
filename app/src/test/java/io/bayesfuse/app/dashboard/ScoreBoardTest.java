package io.bayesfuse.app.dashboard;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.TrueTarget;
import io.bayesfuse.avro.Truth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreBoardTest {

    private static Estimate estimate(String entity, long time, EstimateStatus status, double... mean) {
        return Estimate.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(time)).setStatus(status)
                .setMeasurementTimestamp(Instant.ofEpochMilli(time)).setSensorId("gps").setFilterType("imm").setMotionModel("cv")
                .setMean(List.of(mean[0], mean[1], mean[2], mean[3]))
                .setCovariance(new Matrix(4, 4, List.of(4.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 0.0, 1.0)))
                .build();
    }

    private static Truth truth(String entity, long time, double... state) {
        return Truth.newBuilder().setTimestamp(Instant.ofEpochMilli(time))
                .setTargets(List.of(new TrueTarget(entity, List.of(state[0], state[1], state[2], state[3])))).build();
    }

    @Test
    void anEstimateAtAMeasurementIsPairedWithTheTruthOfThatTimeWhicheverArrivesFirst() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoreBoard board = new ScoreBoard(registry);
        // one standard deviation off in every component: NEES = 4, NEES/n = 1
        board.estimate(estimate("t1", 1000, EstimateStatus.UPDATED, 2, 1, 2, 1));
        board.truth(truth("t1", 1000, 0, 0, 0, 0));
        board.truth(truth("t1", 2000, 0, 0, 0, 0));
        board.estimate(estimate("t1", 2000, EstimateStatus.UPDATED, 0, 0, 0, 0));
        // not scored: a rejected measurement's estimate, a time without truth, another entity's truth
        board.estimate(estimate("t1", 3000, EstimateStatus.REJECTED, 9, 9, 9, 9));
        board.estimate(estimate("t1", 4000, EstimateStatus.UPDATED, 9, 9, 9, 9));
        board.truth(truth("t2", 4000, 0, 0, 0, 0));
        assertThat(board.pairedByFilter()).containsEntry("imm", 2L);
        assertThat(registry.get("bayesfuse.filter.anees").tag("filter", "imm").gauge().value()).isCloseTo(0.5, within(1e-12));
        assertThat(registry.get("bayesfuse.filter.nees.estimates").tag("filter", "imm").counter().count()).isEqualTo(2.0);
        var event = board.event(5000);
        assertThat(event.get("type").asText()).isEqualTo("scores");
        assertThat(event.at("/filters/imm/anees").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(event.at("/filters/imm/n").asLong()).isEqualTo(2);
    }

    @Test
    void theTruthOfARegionIsLeftToTheTrackingStage() {
        ScoreBoard board = new ScoreBoard(new SimpleMeterRegistry());
        board.truth(Truth.newBuilder().setTimestamp(Instant.ofEpochMilli(1000)).setRegion("arena")
                .setTargets(List.of(new TrueTarget("t1", List.of(0.0, 0.0, 0.0, 0.0)))).build());
        board.estimate(estimate("t1", 1000, EstimateStatus.UPDATED, 0, 0, 0, 0));
        assertThat(board.pairedByFilter()).isEmpty();
    }
}
