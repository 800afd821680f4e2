package io.bayesfuse.topology.query;

import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.filtering.TrackedEntity;
import io.bayesfuse.topology.assembly.TrackerFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QueryViewsTest {

    private static final String MODELS_AND_SENSORS = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
              rw: {type: random-walk, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]], gate: {probability: 0.999}}
              radar: {measurement: {type: range-bearing, origin: [-100, 50]}, R: [[1, 0], [0, 0.0001]]}
              speed: {measurement: {type: state-evidence, components: [1, 3], priorCovariance: [[100, 0], [0, 100]]}, R: [[1, 0], [0, 1]]}
            """;
    private static final BayesfuseConfig UKF = ConfigLoader.parse(MODELS_AND_SENSORS + """
            filter: {type: ukf, motionModel: cv, initial: {x: [0, 1, 0, 1], P: [[25,0,0,0],[0,4,0,0],[0,0,25,0],[0,0,0,4]]}}
            """, "test");

    @Test
    void aStoredGaussianStateReadsAsTheFiltersMeanAndCovarianceWithItsPlaceOnTheMap() {
        EntityTracker tracker = TrackerFactory.create(UKF);
        TrackingResult result = tracker.process("e1", null, new Measurement("gps", 1000, new double[]{3, 4}, null));
        EntitySnapshot snapshot = new EntityStateReader(UKF).read("e1", new TrackedEntity(null, "ukf", result.state()));
        assertThat(snapshot.mean()).containsExactly(result.x());
        assertThat(snapshot.covariance()).isDeepEqualTo(result.P());
        assertThat(snapshot.time()).isEqualTo(1000);
        assertThat(snapshot.modelIds()).containsExactly("cv");
        assertThat(snapshot.map().x()).isEqualTo(result.x()[0]);
        assertThat(snapshot.map().y()).isEqualTo(result.x()[2]);
        assertThat(snapshot.map().vx()).isEqualTo(result.x()[1]);
        assertThat(snapshot.map().ellipse().semiMajor()).isCloseTo(2 * Math.sqrt(Math.max(result.P()[0][0], result.P()[2][2])),
                within(1e-9));
    }

    @Test
    void aParticleStateReadsAsItsWeightedMoments() {
        BayesfuseConfig particle = ConfigLoader.parse(MODELS_AND_SENSORS + """
                filter: {type: particle, motionModel: cv, particle: {particles: 500, seed: 3},
                         initial: {x: [0, 1, 0, 1], P: [[25,0,0,0],[0,4,0,0],[0,0,25,0],[0,0,0,4]]}}
                """, "test");
        EntityTracker tracker = TrackerFactory.create(particle);
        TrackingResult result = tracker.process("p", null, new Measurement("gps", 5, new double[]{1, 2}, null));
        EntitySnapshot snapshot = new EntityStateReader(particle).read("p", new TrackedEntity(null, "particle", result.state()));
        for (int i = 0; i < 4; i++) {
            assertThat(snapshot.mean()[i]).isCloseTo(result.x()[i], within(1e-12));
        }
        assertThat(snapshot.filterType()).isEqualTo("particle");
    }

    @Test
    void aStateWithoutTwoPositionAxesHasNoPlaceOnTheMap() {
        MapGeometry geometry = new MapGeometry(UKF);
        assertThat(geometry.place("rw", new double[]{1}, new double[]{1})).isNull();
        assertThat(geometry.place("unknown", new double[]{1, 2, 3, 4}, new double[16])).isNull();
        assertThat(geometry.place("cv", new double[]{1, 2, 3, 4}, new double[]{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 9, 0, 0, 0, 0, 1}))
                .satisfies(p -> {
                    assertThat(p.x()).isEqualTo(1);
                    assertThat(p.y()).isEqualTo(3);
                    assertThat(p.ellipse().semiMajor()).isCloseTo(6, within(1e-12));
                    assertThat(p.ellipse().semiMinor()).isCloseTo(2, within(1e-12));
                });
    }

    @Test
    void measurementsArePlacedWhereTheirSensorSaysTheTargetIs() {
        MeasurementProjection projection = new MeasurementProjection(UKF);
        assertThat(projection.place("gps", List.of(3.0, 4.0))).containsExactly(3, 4);
        double[] radar = projection.place("radar", List.of(10.0, Math.PI / 2));
        assertThat(radar[0]).isCloseTo(-100, within(1e-9));
        assertThat(radar[1]).isCloseTo(60, within(1e-9));
        assertThat(projection.origin("radar")).containsExactly(-100, 50);
        assertThat(projection.place("speed", List.of(1.0, 2.0))).isNull();
        assertThat(projection.place("gps", List.of(Double.NaN, 2.0))).isNull();
        assertThat(projection.place("nobody", List.of(1.0, 2.0))).isNull();
    }

    @Test
    void nisBoundsAreChiSquareQuantilesOfTheMeasurementSize() {
        Map<String, NisBounds> bounds = NisBounds.of(UKF);
        assertThat(bounds.keySet()).containsExactly("gps", "radar", "speed");
        NisBounds gps = bounds.get("gps");
        assertThat(gps.dof()).isEqualTo(2);
        // two degrees of freedom: χ²⁻¹(p) = −2 ln(1 − p)
        assertThat(gps.lower()).isCloseTo(-2 * Math.log(1 - 0.025), within(1e-9));
        assertThat(gps.upper()).isCloseTo(-2 * Math.log(0.025), within(1e-9));
        assertThat(gps.gate()).isCloseTo(-2 * Math.log(0.001), within(1e-9));
        assertThat(gps.averageLower()).isGreaterThan(gps.lower()).isLessThan(2);
        assertThat(gps.averageUpper()).isLessThan(gps.upper()).isGreaterThan(2);
        assertThat(bounds.get("radar").gate()).isNaN();
    }
}
