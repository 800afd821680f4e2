package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingValueTest {

    private static final String MODELS = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            """;

    @Test
    void everyValueIsFoundByItsConfigurationNameAndNothingElseIs() {
        roundTrips(ChangepointModel.class);
        roundTrips(ChangepointActionType.class);
        roundTrips(AssociationType.class);
        roundTrips(AdaptationStructure.class);
        assertThat(SettingValue.ids(ChangepointActionType.class)).containsExactly("none", "inflate-r", "reset-entities");
        assertThat(SettingValue.ids(AdaptationStructure.class)).containsExactly("off", "diagonal", "full");
        // the names are derived from the constants' names: renaming a constant must not rename a setting
        roundTrips(FilterType.class);
        roundTrips(MotionModelType.class);
        roundTrips(MeasurementType.class);
        roundTrips(ProcessNoiseType.class);
        roundTrips(InitiationType.class);
        assertThat(SettingValue.ids(FilterType.class)).containsExactly("kf", "ekf", "ukf", "information", "particle", "imm");
        assertThat(SettingValue.ids(MotionModelType.class)).containsExactly("constant-velocity", "constant-acceleration",
                "random-walk", "linear", "coordinated-turn");
        assertThat(SettingValue.ids(MeasurementType.class)).containsExactly("position", "range-bearing",
                "range-bearing-elevation", "linear", "state-evidence");
        assertThat(SettingValue.ids(ProcessNoiseType.class)).containsExactly("continuous-white-noise", "discrete-white-noise");
        assertThat(SettingValue.ids(InitiationType.class)).containsExactly("m-of-n");
        assertThat(SettingValue.ids(ChangepointModel.class)).containsExactly("innovations", "channel");
        assertThat(SettingValue.ids(AssociationType.class)).containsExactly("gnn", "jpda");
    }

    @Test
    void anUnknownNameIsRefusedListingTheAllowedOnes() {
        Problems problems = new Problems();
        assertThat(problems.requireOneOf("tracking.association", "nearest", AssociationType.class)).isNull();
        assertThat(problems.requireOneOf("tracking.association", "jpda", AssociationType.class)).isEqualTo(AssociationType.JPDA);
        assertThat(problems.requireOneOf("tracking.association", null, AssociationType.class)).as("absent: the default applies").isNull();
        assertThatThrownBy(problems::throwIfAny).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly("tracking.association: is 'nearest', expected one of [gnn, jpda]"));
    }

    @Test
    void anUnknownTrackingAssociationNamesTheSettingAndTheAllowedValues() {
        assertThatThrownBy(() -> ConfigLoader.parse(MODELS + """
                sensors:
                  radar: {measurement: {type: position}, R: [[9, 0], [0, 9]]}
                tracking:
                  motionModel: cv
                  association: nearest
                  detectionProbability: 0.9
                  clutterDensity: 1.0e-6
                  initiation: {type: m-of-n, m: 2, n: 3}
                  deletion: {misses: 2}
                  birth: {P: [[9, 0, 0, 0], [0, 100, 0, 0], [0, 0, 9, 0], [0, 0, 0, 100]]}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly("tracking.association: is 'nearest', expected one of [gnn, jpda]"));
    }

    @Test
    void theDefaultsAreTheFirstValuesAndTheNamesAreParsedOnce() {
        ChangepointConfig none = new ChangepointConfig(null, null, null, null, null, null, null, null, null, null);
        assertThat(none.modelOrDefault()).isEqualTo(ChangepointModel.INNOVATIONS);
        assertThat(none.actionOrDefault().kind()).isEqualTo(ChangepointActionType.NONE);
        assertThat(new ChangepointConfig(null, "channel", 0, null, null, null, null, null, null, null).modelOrDefault())
                .isEqualTo(ChangepointModel.CHANNEL);
        assertThat(new AdaptationConfig("off", null, null, null).enabled()).isFalse();
        assertThat(new AdaptationConfig("full", null, null, null).kind()).isEqualTo(AdaptationStructure.FULL);
    }

    private static <E extends Enum<E> & SettingValue> void roundTrips(Class<E> type) {
        for (E value : type.getEnumConstants()) {
            assertThat(value.toString()).isEqualTo(value.id());
            assertThat(SettingValue.of(type, value.id())).isSameAs(value);
            assertThat(SettingValue.of(type, value.id().toUpperCase())).isNull();
        }
        assertThat(SettingValue.of(type, null)).isNull();
        assertThat(SettingValue.ids(type)).hasSize(type.getEnumConstants().length);
    }
}
