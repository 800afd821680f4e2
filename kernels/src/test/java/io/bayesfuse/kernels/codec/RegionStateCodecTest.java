package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.kernels.tracking.ScanResult;
import io.bayesfuse.kernels.tracking.TrackingPolicy;
import io.bayesfuse.kernels.tracking.TrackingScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionStateCodecTest {

    private static final double[][] TARGETS = {{-400, 5, -400, 3}, {400, -4, -300, 5}, {0, 0, 500, -6}};

    @Test
    void aRegionDecodedAfterEveryScanContinuesBitForBitAsIfNeverStored() {
        TrackingScenario s = TrackingScenario.of(TARGETS, 30, 0.9, 6, 700, 2);
        RegionTracker stored = TrackingScenario.tracker(TrackingPolicy.Association.JPDA, 0.9, 5e-6,
                TrackingPolicy.ScanHistory.window(3000));
        RegionTracker kept = TrackingScenario.tracker(TrackingPolicy.Association.JPDA, 0.9, 5e-6,
                TrackingPolicy.ScanHistory.window(3000));
        byte[] bytes = null;
        RegionState state = null;
        List<Scan> scans = new ArrayList<>(s.scans);
        scans.add(12, scans.remove(10));   // one late scan, re-run from the stored history
        for (Scan scan : scans) {
            RegionState decoded = bytes == null ? null : RegionStateCodec.decode(bytes).state();
            ScanResult a = stored.process("r", decoded, scan);
            ScanResult b = kept.process("r", state, scan);
            assertThat(io.bayesfuse.kernels.tracking.RegionTrackerTest.exactly(List.of(a.reports())))
                    .isEqualTo(io.bayesfuse.kernels.tracking.RegionTrackerTest.exactly(List.of(b.reports())));
            bytes = RegionStateCodec.encode("kf cv", a.state());
            state = b.state();
        }
        RegionStateCodec.Stored last = RegionStateCodec.decode(bytes);
        assertThat(last.signature()).isEqualTo("kf cv");
        assertThat(RegionStateCodec.encode("kf cv", last.state())).isEqualTo(RegionStateCodec.encode("kf cv", state));
        assertThat(state.history()).isNotEmpty();
        assertThat(state.base()).isNotNull();
    }

    @Test
    void refusesBytesThatAreNotARegionState() {
        assertThatThrownBy(() -> RegionStateCodec.decode(new byte[]{'E', 1})).hasMessageContaining("bad magic byte");
        TrackingScenario s = TrackingScenario.of(TARGETS, 3, 1, 0, 700, 2);
        RegionTracker tracker = TrackingScenario.tracker(TrackingPolicy.Association.GNN, 0.9, 5e-6, TrackingPolicy.ScanHistory.NONE);
        byte[] bytes = RegionStateCodec.encode("x", tracker.process("r", null, s.scans.get(0)).state());
        assertThatThrownBy(() -> RegionStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
