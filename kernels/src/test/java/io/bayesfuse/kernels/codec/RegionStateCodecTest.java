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
import java.util.HexFormat;
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

    /** A region after four scans of one target, with its retained scans. */
    static RegionState recordedRegion() {
        TrackingScenario s = TrackingScenario.of(new double[][]{{-400, 5, -400, 3}}, 4, 1, 0, 700, 2);
        RegionTracker tracker = TrackingScenario.tracker(TrackingPolicy.Association.GNN, 0.9, 5e-6,
                TrackingPolicy.ScanHistory.window(3000));
        RegionState state = null;
        for (Scan scan : s.scans) {
            state = tracker.process("r", state, scan).state();
        }
        return state;
    }

    /** Bytes written by the release that introduced version 1, kept so that stored regions stay readable. */
    static final String RECORDED = "520100056b6620637600000000000f4df80000000000000002010000000000000001010404000104c077fe7ae0a16158"
            + "4014c253ee284cd3c0785a9c1362eaa340118ed0fa7159b84018f6100e21d023400572068f89c3620000000000000000"
            + "00000000000000003ffdf35448b8202c000000000000000000000000000000004018f6100e21d023400572068f89c362"
            + "3ffdf35448b8202c0300000000000f4240000000000000000100040005726164617200000000000f42400102c078d306"
            + "4f25560cc079005b211fabc9000005726164617200000000000f46280102c078e47b4fd38a39c07923991b4120b00000"
            + "05726164617200000000000f4a100102c07843c9a3980158c078b0083612f2b7000005726164617200000000000f4df8"
            + "0102c077efc0bd1fadbfc0783a098661703600";

    @Test
    void recordedBytesStillDecodeAndAreWrittenTheSameWay() {
        RegionStateCodec.Stored decoded = RegionStateCodec.decode(HexFormat.of().parseHex(RECORDED));
        assertThat(decoded.signature()).isEqualTo("kf cv");
        assertThat(HexFormat.of().formatHex(RegionStateCodec.encode("kf cv", decoded.state()))).isEqualTo(RECORDED);
        assertThat(HexFormat.of().formatHex(RegionStateCodec.encode("kf cv", recordedRegion()))).isEqualTo(RECORDED);
    }
}
