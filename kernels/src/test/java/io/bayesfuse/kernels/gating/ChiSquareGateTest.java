package io.bayesfuse.kernels.gating;

import io.bayesfuse.kernels.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChiSquareGateTest {

    @Test
    void thresholdsAreTheExactChiSquareQuantiles() {
        // tabulated: χ²₁(0.95) = 3.841459, χ²₂(0.999) = −2 ln(0.001) = 13.815511, χ²₃(0.99) = 11.344867
        assertThat(new ChiSquareGate(0.95).threshold(1)).isCloseTo(3.841458820694124, within(1e-9));
        assertThat(new ChiSquareGate(0.999).threshold(2)).isCloseTo(-2 * Math.log(0.001), within(1e-9));
        assertThat(new ChiSquareGate(0.99).threshold(3)).isCloseTo(11.344866730144373, within(1e-9));
        assertThat(new ChiSquareGate(0.99).threshold(40)).isCloseTo(63.690739751564458, within(1e-7));
    }

    @Test
    void acceptsUpToTheThresholdAndRejectsBeyond() {
        ChiSquareGate gate = new ChiSquareGate(0.999);
        double t = gate.threshold(2);
        assertThat(gate.accepts(t, 2)).isTrue();
        assertThat(gate.accepts(Math.nextUp(t), 2)).isFalse();
        assertThat(gate.accepts(Double.NaN, 2)).isFalse();
    }

    @Test
    void probabilitiesOutsideTheOpenUnitIntervalAreRefused() {
        assertThatThrownBy(() -> new ChiSquareGate(1.0)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> new ChiSquareGate(0)).hasMessageContaining("strictly between 0 and 1");
    }

    @Test
    void aProbabilityOutsideTheOpenUnitIntervalIsRefusedInTheWordsTheConfigurationUses() {
        assertThatThrownBy(() -> new ChiSquareGate(1.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("gate: probability is 1.5, must lie strictly between 0 and 1");
        assertThatThrownBy(() -> ChiSquareGate.requireProbability("sensors.gps.gate", "probability", 0))
                .extracting(e -> ((InvalidInputException) e).detail()).isEqualTo("is 0.0, must lie strictly between 0 and 1");
    }
}
