package io.bayesfuse.topology.sensors;

import io.bayesfuse.kernels.entity.NoiseInflation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SensorStateTest {

    @Test
    void aSensorThatNeverChangedHasNoNoiseInflation() {
        assertThat(SensorState.EMPTY.noiseInflation()).isNull();
    }

    @Test
    void aRecordedInflationIsTheKernelsNoiseInflationWithTheSameFactorAndEnd() {
        SensorState inflated = SensorState.EMPTY.withChange(1_000, 10.0, 31_000);
        assertThat(inflated.noiseInflation()).isEqualTo(new NoiseInflation(10.0, 31_000));
        assertThat(inflated.inflatedAt(30_999)).isTrue();
        assertThat(inflated.inflatedAt(31_000)).isFalse();
    }
}
