package io.bayesfuse.app.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DashboardEventsTest {

    private static final BayesfuseConfig CONFIG = ConfigLoader.parse("""
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]], gate: {probability: 0.999}}
              radar: {measurement: {type: range-bearing, origin: [-100, 0]}, R: [[1, 0], [0, 0.0001]]}
            filter: {type: ukf, motionModel: cv, initial: {x: [0, 0, 0, 0], P: [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}}
            """, "test");
    private final DashboardEvents events = new DashboardEvents(CONFIG);

    @Test
    void anEstimateCarriesItsPlaceVelocityEllipseAndNis() {
        ObjectNode e = events.estimate(estimate("t1", EstimateStatus.UPDATED, 1.7));
        assertThat(e.get("type").asText()).isEqualTo("estimate");
        assertThat(e.get("x").asDouble()).isEqualTo(10);
        assertThat(e.get("y").asDouble()).isEqualTo(20);
        assertThat(e.get("vx").asDouble()).isEqualTo(1);
        assertThat(e.get("e").get(0).asDouble()).isCloseTo(2 * 3, within(1e-12));   // 2σ of variance 9
        assertThat(e.get("nis").asDouble()).isEqualTo(1.7);
        assertThat(e.get("sensor").asText()).isEqualTo("gps");
        assertThat(e.get("mt").asLong()).isEqualTo(1000);
    }

    @Test
    void radarMeasurementsArePlacedFromTheirOrigin() {
        ObjectNode m = events.measurement(new Measurement("t1", "radar", Instant.ofEpochMilli(5), List.of(100.0, 0.0), null,
                Map.of()), 0);
        assertThat(m.get("x").asDouble()).isCloseTo(0, within(1e-9));
        assertThat(m.get("y").asDouble()).isCloseTo(0, within(1e-9));
        assertThat(m.get("t").asLong()).isEqualTo(5);
        assertThat(events.measurement(new Measurement("t1", "unknown", Instant.ofEpochMilli(5), List.of(1.0, 2.0), null,
                Map.of()), 0)).isNull();
    }

    @Test
    void theStateKeepsTheRecentPastForNewPagesAndCountsDeadLettersByReason() {
        DashboardState state = new DashboardState();
        state.apply(events.estimate(estimate("t1", EstimateStatus.UPDATED, 1.0)));
        state.apply(events.estimate(estimate("t1", EstimateStatus.REJECTED, 40.0)));
        state.apply(events.truth("t1", 1000, 10.5, 19.5));
        state.apply(events.deadLetter(new DeadLetter(DeadLetterReason.TOO_LATE, "too late", "m", 0, 3L, null, null, null,
                null, null)));
        state.apply(events.deadLetter(new DeadLetter(DeadLetterReason.TOO_LATE, "later still", "m", 0, 4L, null, null, null,
                null, null)));
        state.apply(events.fused(FusedPosterior.newBuilder().setQuantityId("q").setMethod("product")
                .setPosterior(new GaussianPosterior(List.of(1.0), new FullCovariance(new Matrix(1, 1, List.of(0.25)))))
                .setSources(Map.of("learner-1", 3L)).setUpdatedSource("learner-1").build()));
        ObjectNode snapshot = state.snapshot();
        assertThat(snapshot.get("tracks").get("t1")).hasSize(2);
        assertThat(snapshot.get("nis").get("gps")).hasSize(2);
        assertThat(snapshot.get("truth").get("t1")).hasSize(1);
        assertThat(snapshot.at("/deadLetters/TOO_LATE/count").asLong()).isEqualTo(2);
        assertThat(snapshot.at("/deadLetters/TOO_LATE/message").asText()).isEqualTo("later still");
        assertThat(snapshot.at("/fused/q/sd/0").asDouble()).isEqualTo(0.5);
        assertThat(snapshot.at("/fused/q/sources/learner-1").asLong()).isEqualTo(3);
        assertThat(snapshot.at("/counts/REJECTED").asLong()).isEqualTo(1);
        state.apply(events.fusedRemoved("q"));
        assertThat(state.snapshot().get("fused").has("q")).isFalse();
    }

    @Test
    void oldPointsFallOff() {
        DashboardState state = new DashboardState();
        for (int i = 0; i < DashboardState.TRACK_POINTS + 10; i++) {
            state.apply(events.truth("t1", i, i, i));
        }
        assertThat(state.snapshot().get("truth").get("t1")).hasSize(DashboardState.TRACK_POINTS);
        assertThat(state.snapshot().get("truth").get("t1").get(0).get("t").asLong()).isEqualTo(10);
    }

    private static Estimate estimate(String id, EstimateStatus status, double nis) {
        return Estimate.newBuilder().setEntityId(id).setTimestamp(Instant.ofEpochMilli(1000)).setStatus(status)
                .setSensorId("gps").setMeasurementTimestamp(Instant.ofEpochMilli(1000)).setFilterType("ukf")
                .setMotionModel("cv").setMean(List.of(10.0, 1.0, 20.0, 2.0))
                .setCovariance(new Matrix(4, 4, List.of(9.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 4.0, 0.0,
                        0.0, 0.0, 0.0, 1.0)))
                .setNis(nis).build();
    }
}
