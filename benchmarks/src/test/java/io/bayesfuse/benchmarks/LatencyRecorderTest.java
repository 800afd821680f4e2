package io.bayesfuse.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTest {

    @Test
    void percentilesOfOneToOneHundredMillisecondsAreTheMatchingValues() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long ms = 100; ms >= 1; ms--) {
            recorder.record(ms);
        }
        LatencySummary total = recorder.total();
        assertThat(total.count()).isEqualTo(100);
        assertThat(total.p50()).isCloseTo(50, within(0.5));
        assertThat(total.p95()).isCloseTo(95, within(0.5));
        assertThat(total.p99()).isCloseTo(99, within(0.5));
        assertThat(total.max()).isCloseTo(100, within(0.5));
    }

    @Test
    void aNegativeLatencyCountsAsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-3);
        assertThat(recorder.total().max()).isZero();
        assertThat(recorder.total().count()).isEqualTo(1);
    }

    @Test
    void anIntervalHoldsOnlyItsOwnLatenciesWhileTheTotalKeepsThemAll() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1000);
        assertThat(recorder.interval().max()).isCloseTo(1000, within(1.0));
        recorder.record(10);
        LatencySummary second = recorder.interval();
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.max()).isCloseTo(10, within(0.5));
        assertThat(recorder.total().count()).isEqualTo(2);
        assertThat(recorder.total().max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void nothingRecordedIsTheEmptySummary() {
        assertThat(new LatencyRecorder().total()).isEqualTo(LatencySummary.EMPTY);
    }
}
