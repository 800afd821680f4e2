package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FilterTypeTest {

    @Test
    void everyTypeIsFoundByItsConfigurationNameAndNothingElseIs() {
        for (FilterType t : FilterType.values()) {
            assertThat(FilterType.of(t.id())).isSameAs(t);
        }
        assertThat(FilterType.of("KF")).isNull();
        assertThat(FilterType.of(null)).isNull();
        assertThat(FilterConfig.TYPES).containsExactly("kf", "ekf", "ukf", "information", "particle", "imm");
        assertThat(FilterConfig.ImmConfig.MODE_FILTERS).containsExactly("kf", "ekf", "ukf");
        assertThat(TrackingConfig.FILTERS).containsExactly("kf", "ekf", "ukf", "imm");
    }

    @Test
    void onlyAKfOrAnImmOfKfModesIsLinearOnly() {
        assertThat(filter("kf", null).linearOnly()).isTrue();
        assertThat(filter("ekf", null).linearOnly()).isFalse();
        assertThat(filter("particle", null).linearOnly()).isFalse();
        assertThat(filter("imm", "kf").linearOnly()).isTrue();
        assertThat(filter("imm", "ukf").linearOnly()).isFalse();
        assertThat(filter("imm", null).linearOnly()).as("imm modes default to ekf").isFalse();
    }

    @Test
    void theSingleGaussianFiltersAreKfEkfAndUkf() {
        assertThat(FilterType.values()).filteredOn(FilterType::isSingleGaussian)
                .containsExactly(FilterType.KF, FilterType.EKF, FilterType.UKF);
        assertThat(FilterType.values()).filteredOn(FilterType::isNonlinear).containsExactly(FilterType.EKF, FilterType.UKF);
    }

    private static FilterConfig filter(String type, String modeFilter) {
        String imm = "imm".equals(type) ? ", imm: {models: [a, b], transition: [[0.9, 0.1], [0.1, 0.9]]"
                + (modeFilter == null ? "" : ", modeFilter: " + modeFilter) + "}" : "";
        String motion = "imm".equals(type) ? "" : ", motionModel: a";
        return ConfigLoader.parse("""
                motionModels:
                  a: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.1}}
                  b: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 1.0}}
                sensors:
                  s: {measurement: {type: position}, R: [[1.0]]}
                filter: {type: %s%s%s, initial: {x: [0, 0], P: [[10, 0], [0, 10]]}}
                """.formatted(type, motion, imm), "test").filter();
    }
}
