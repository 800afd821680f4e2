package io.bayesfuse.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputMeterTest {

    @Test
    void throughputIsRecordsOverSeconds() {
        assertThat(ThroughputMeter.recordsPerSecond(1000, 2.0)).isEqualTo(500.0);
        assertThat(ThroughputMeter.recordsPerSecond(1, 0.25)).isEqualTo(4.0);
    }

    @Test
    void noElapsedTimeIsNoThroughputRatherThanInfinity() {
        assertThat(ThroughputMeter.recordsPerSecond(1000, 0)).isZero();
    }

    @Test
    void beforeAnyInputOrOutputNoTimeHasPassed() {
        ThroughputMeter meter = new ThroughputMeter();
        assertThat(meter.seconds()).isZero();
        meter.outputSeen();
        assertThat(meter.seconds()).isZero();
        assertThat(meter.recordsPerSecond()).isZero();
    }

    @Test
    void timeRunsFromTheFirstInputToTheLastOutput() throws InterruptedException {
        ThroughputMeter meter = new ThroughputMeter();
        meter.inputSent();
        Thread.sleep(20);
        meter.inputSent();   // only the first input counts
        meter.outputSeen();
        meter.outputSeen();
        assertThat(meter.outputs()).isEqualTo(2);
        assertThat(meter.seconds()).isGreaterThanOrEqualTo(0.019);
        assertThat(meter.recordsPerSecond()).isEqualTo(2 / meter.seconds());
    }
}
