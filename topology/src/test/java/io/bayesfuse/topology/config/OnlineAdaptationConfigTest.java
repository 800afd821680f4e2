package io.bayesfuse.topology.config;

import io.bayesfuse.avro.AdaptationSettings;
import io.bayesfuse.avro.ChangepointSettings;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MeasurementModelSettings;
import io.bayesfuse.avro.SensorSettings;
import io.bayesfuse.topology.filtering.FilterSelection;
import io.bayesfuse.topology.live.ConfigRecords;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings of adaptive noise, changepoint detection and smoothing: read, defaulted, and refused by name. */
class OnlineAdaptationConfigTest {

    static final String BASE = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]%s}
            filter:
              type: %s
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              %s
            """;

    static BayesfuseConfig parse(String gps, String type, String filter) {
        return ConfigLoader.parse(BASE.formatted(gps, type, filter), "test");
    }

    @Test
    void theFullSettingsAreReadWithTheirDefaults() {
        BayesfuseConfig config = parse(", adaptation: {type: full, forgetting: 0.99}, changepoint: {hazard: 500, "
                + "pruning: {maxHypotheses: 50}, action: {type: inflate-r, factor: 5}}", "kf", "smoothing: {lag: 3}");
        SensorConfig gps = config.sensors().get("gps");
        assertThat(gps.adaptation().priorStrengthOrDefault()).isEqualTo(10);
        assertThat(gps.adaptation().forgettingOrDefault()).isEqualTo(0.99);
        assertThat(gps.changepoint().modelOrDefault()).isEqualTo(ChangepointModel.INNOVATIONS);
        assertThat(gps.changepoint().pruningOrDefault().maxHypothesesOrDefault()).isEqualTo(50);
        assertThat(gps.changepoint().pruningOrDefault().minProbabilityOrDefault()).isEqualTo(1e-6);
        assertThat(gps.changepoint().actionOrDefault().durationMillisOrDefault()).isEqualTo(10_000);
        assertThat(config.filter().smoothingLag()).isEqualTo(3);
        FilterSelection selection = FilterSelection.compile(config);
        assertThat(selection.watch("gps").detects()).isTrue();
        assertThat(selection.watch("gps").adaptive()).isTrue();
    }

    @Test
    void wrongValuesAreRefusedNamingTheirSetting() {
        assertThatThrownBy(() -> parse(", adaptation: {type: sometimes, forgetting: 1.5}, changepoint: {model: raw, hazard: 1, "
                + "threshold: 1.2, window: 0, pruning: {maxHypotheses: 1}, action: {type: explode}}", "kf", "smoothing: {lag: 0}"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).contains(
                        "sensors.gps.adaptation.type: is 'sometimes', expected one of [diagonal, full, off]",
                        "sensors.gps.adaptation.forgetting: is 1.5, must lie in (0, 1]",
                        "sensors.gps.changepoint.model: is 'raw', expected one of [channel, innovations]",
                        "sensors.gps.changepoint.hazard: is 1.0, must be a finite expected run length above 1 observation",
                        "sensors.gps.changepoint.threshold: is 1.2, must lie strictly between 0 and 1",
                        "sensors.gps.changepoint.window: is 0, must be at least 1 observation",
                        "sensors.gps.changepoint.pruning.maxHypotheses: is 1, must be at least 2",
                        "sensors.gps.changepoint.action.type: is 'explode', expected one of [inflate-r, none, reset-entities]",
                        "filter.smoothing.lag: is 0, must be at least 1 measurement"));
    }

    @Test
    void aChannelBeyondTheMeasurementAndAnActionOptionOfAnotherActionAreRefused() {
        assertThatThrownBy(() -> parse(", changepoint: {model: channel, channel: 2, action: {type: none, factor: 3}}", "kf", ""))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).contains(
                        "sensors.gps.changepoint.channel: is 2 but the measurement has 2 components (0 to 1)",
                        "sensors.gps.changepoint.action.factor: is only used by the inflate-r action"));
    }

    @Test
    void smoothingNeedsAGaussianFilterAndAdaptationAFilterThatCanLearnR() {
        assertThatThrownBy(() -> parse("", "particle", "smoothing: {lag: 2}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("filter.smoothing: needs a kf, ekf, ukf or information filter");
        BayesfuseConfig information = parse(", adaptation: {type: diagonal}", "information", "");
        assertThatThrownBy(() -> FilterSelection.compile(information))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sensors.gps.adaptation: needs a kf, ekf or ukf filter to learn R");
        BayesfuseConfig tooWeak = parse(", adaptation: {type: full, priorStrength: 2}", "kf", "");
        assertThatThrownBy(() -> FilterSelection.compile(tooWeak))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sensors.gps.adaptation.priorStrength");
    }

    @Test
    void liveRecordsCarryTheSameSettings() {
        SensorConfig gps = ConfigRecords.sensor(SensorSettings.newBuilder()
                .setMeasurement(MeasurementModelSettings.newBuilder().setType("position").build())
                .setR(new Matrix(2, 2, List.of(4.0, 0.0, 0.0, 4.0)))
                .setAdaptation(AdaptationSettings.newBuilder().setType("diagonal").build())
                .setChangepoint(ChangepointSettings.newBuilder().setHazard(300.0).setAction("reset-entities").build())
                .build());
        assertThat(gps.adaptation().type()).isEqualTo("diagonal");
        assertThat(gps.changepoint().hazardOrDefault()).isEqualTo(300);
        assertThat(gps.changepoint().actionOrDefault().kind()).isEqualTo(ChangepointActionType.RESET_ENTITIES);
        assertThat(gps.changepoint().on()).isTrue();
    }
}
