package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The previous release's whole-quantity format, still read so that its stores can be converted. */
class FusionStateCodecTest {

    static FusionState state() {
        return new FusionState(FusionMethod.FISHER, 2, List.of(new double[]{1, 2}, new double[]{0, 0}, new double[]{3, 4},
                new double[]{0, 0}, new double[]{0}), 3,
                List.of(new SourceEntry("b", 4, List.of(new double[]{1, 1}, new double[]{2, 2}, new double[]{1}))),
                Map.of("a", 7L));
    }

    @Test
    void aStateSurvivesARoundTrip() {
        FusionState decoded = FusionStateCodec.decode(FusionStateCodec.encode(state()));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(state());
    }

    @Test
    void anUnknownFormatVersionOrTruncatedBytesAreRefusedWithAReason() {
        byte[] bytes = FusionStateCodec.encode(state());
        byte[] future = bytes.clone();
        future[1] = 2;
        assertThatThrownBy(() -> FusionStateCodec.decode(future))
                .hasMessage("fusion state: format version 2 is not supported (this build reads 1)");
        assertThatThrownBy(() -> FusionStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 5)))
                .hasMessageStartingWith("fusion state: truncated");
        assertThatThrownBy(() -> FusionStateCodec.decode(new byte[]{1, 2, 3}))
                .hasMessageContaining("not a fusion state");
    }

    /** Bytes written by the previous release, kept so that its stores stay readable. */
    static final String RECORDED = "bf010302030502000000000000f03f000000000000004002000000000000000000000000000000000200000000000008"
            + "4000000000000010400200000000000000000000000000000000010000000000000000010162080302000000000000f0"
            + "3f000000000000f03f020000000000000040000000000000004001000000000000f03f0101610e";

    @Test
    void recordedBytesStillDecodeAndAreWrittenTheSameWay() {
        assertThat(FusionStateCodec.decode(HexFormat.of().parseHex(RECORDED))).usingRecursiveComparison().isEqualTo(state());
        assertThat(HexFormat.of().formatHex(FusionStateCodec.encode(state()))).isEqualTo(RECORDED);
    }
}
