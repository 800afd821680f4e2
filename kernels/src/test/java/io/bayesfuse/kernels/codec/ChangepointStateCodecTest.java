package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.changepoint.ChangepointState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangepointStateCodecTest {

    private static final ChangepointState STATE = new ChangepointState(2, 1234, false,
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
}
