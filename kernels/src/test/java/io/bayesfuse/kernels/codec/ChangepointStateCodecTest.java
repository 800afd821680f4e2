package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.changepoint.ChangepointState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangepointStateCodecTest {

    static final ChangepointState STATE = new ChangepointState(2, 1234, false,
            new int[]{0, 1, 57}, new long[]{ChangepointState.NOT_STARTED, 1_700_000_000_123L, -5},
            new double[]{Math.log(0.004), Math.log(0.1), Math.log1p(-0.104)},
            new double[]{0, 0, 1, 0, 1, 0.1, -0.2, 1.0 / 3, 1e-300, 2, 7, 8, Math.PI, 0.5, Double.MIN_VALUE});

    @Test
    void aStateRoundTripsExactlyAndCompactly() {
        byte[] bytes = ChangepointStateCodec.encode(STATE);
        assertThat(ChangepointStateCodec.decode(bytes)).isEqualTo(STATE);
        // a 23-byte header, then per hypothesis an int, a long, a double and 5 doubles
        assertThat(bytes.length).isEqualTo(23 + 3 * (4 + 8 + 8 + 5 * 8));
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = ChangepointStateCodec.encode(STATE);
        bytes[1] = 7;
        assertThatThrownBy(() -> ChangepointStateCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("changepoint state format version 7 is not readable by this build (it reads version 1)");
    }

    @Test
    void truncatedOrForeignBytesAreRefused() {
        byte[] bytes = ChangepointStateCodec.encode(STATE);
        assertThatThrownBy(() -> ChangepointStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ChangepointStateCodec.decode(Arrays.copyOf(bytes, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ChangepointStateCodec.decode(new byte[]{'E', 1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad magic byte");
    }

    /** Bytes written by the release that introduced version 1, kept so that stored states stay readable. */
    static final String RECORDED = "4301000000020000000500000000000004d20000000003000000008000000000000000c01615f9d9d171240000000000"
            + "00000000000000000000003ff000000000000000000000000000003ff0000000000000000000010000018bcfe5687bc0"
            + "026bb1bbb555153fb999999999999abfc999999999999a3fd555555555555501a56e1fc2f8f359400000000000000000"
            + "000039fffffffffffffffbbfbc1cd3ba1d9648401c0000000000004020000000000000400921fb54442d183fe0000000"
            + "0000000000000000000001";

    @Test
    void recordedBytesStillDecodeAndAreWrittenTheSameWay() {
        assertThat(ChangepointStateCodec.decode(HexFormat.of().parseHex(RECORDED))).isEqualTo(STATE);
        assertThat(HexFormat.of().formatHex(ChangepointStateCodec.encode(STATE))).isEqualTo(RECORDED);
    }
}
