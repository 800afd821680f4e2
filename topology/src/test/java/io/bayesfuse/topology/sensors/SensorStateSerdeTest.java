package io.bayesfuse.topology.sensors;

import io.bayesfuse.kernels.changepoint.ChangepointState;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensorStateSerdeTest {

    /** A sensor state with a detector, a learned R and recently measured entities. */
    static SensorState recordedSensorState() {
        ChangepointState changepoint = new ChangepointState(2, 1234, true, new int[]{0, 3}, new long[]{ChangepointState.NOT_STARTED, 1_700_000_000_123L},
                new double[]{Math.log(0.25), Math.log(0.75)}, new double[]{0, 0, 1, 0, 1, 0.1, -0.2, 1.0 / 3, 1e-300, 2});
        return new SensorState(changepoint, "normal-inverse-wishart", 2, 1_700_000_000_000L, 4.5, 1_700_000_060_000L,
                new double[][]{{1, 0.25}, {0.25, 2}}, 1_699_999_999_000L, "truck-7", 1234, new TreeMap<>(Map.of("truck-7", 1_699_999_999_000L, "ü", 5L)));
    }

    /** Bytes written by the release that introduced version 1, kept so that stored sensor states stay readable. */
    static final String RECORDED = "53010000008f4301000000020000000500000000000004d20100000002000000008000000000000000bff62e42fefa39"
            + "ef000000000000000000000000000000003ff000000000000000000000000000003ff000000000000000000003000001"
            + "8bcfe5687bbfd269621134db923fb999999999999abfc999999999999a3fd555555555555501a56e1fc2f8f359400000"
            + "000000000000166e6f726d616c2d696e76657273652d7769736861727400000000000004d20000000000000002000001"
            + "8bcfe5680040120000000000000000018bcfe65260000000023ff00000000000003fd00000000000003fd00000000000"
            + "0040000000000000000000018bcfe564180007747275636b2d37000000020007747275636b2d370000018bcfe5641800"
            + "02c3bc0000000000000005";

    @Test
    void recordedBytesStillDecodeAndAreWrittenTheSameWay() {
        SensorState decoded = SensorStateSerde.decode(HexFormat.of().parseHex(RECORDED));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(recordedSensorState());
        assertThat(HexFormat.of().formatHex(SensorStateSerde.encode(decoded))).isEqualTo(RECORDED);
    }

    @Test
    void anEmptySensorStateRoundTrips() {
        SensorState decoded = SensorStateSerde.decode(SensorStateSerde.encode(SensorState.EMPTY));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(SensorState.EMPTY);
    }

    @Test
    void foreignOrTruncatedBytesAreRefusedWithAReason() {
        byte[] bytes = SensorStateSerde.encode(recordedSensorState());
        assertThatThrownBy(() -> SensorStateSerde.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        byte[] wrongVersion = bytes.clone();
        wrongVersion[1] = 9;
        assertThatThrownBy(() -> SensorStateSerde.decode(wrongVersion))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }
}
