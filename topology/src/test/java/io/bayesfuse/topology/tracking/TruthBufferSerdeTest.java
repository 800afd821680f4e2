package io.bayesfuse.topology.tracking;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TruthBufferSerdeTest {

    /** Two times: one target (1, 2.5) at the first, two targets (−0.125) and () at the second. */
    static TruthBuffer recordedBuffer() {
        return new TruthBuffer(Map.of(
                1_700_000_000_000L, List.of(new double[]{1.0, 2.5}),
                1_700_000_001_000L, List.of(new double[]{-0.125}, new double[0])));
    }

    /** The body of both formats: count, then per time its time, targets and states (big-endian). */
    static final String BODY = "00000002"
            + "0000018bcfe56800" + "00000001" + "00000002" + "3ff0000000000000" + "4004000000000000"
            + "0000018bcfe56be8" + "00000002" + "00000001" + "bfc0000000000000" + "00000000";

    /** Bytes of the first release's unversioned format (the body alone), kept so that stored truth stays readable. */
    static final String RECORDED_UNVERSIONED = BODY;

    /** Bytes of format version 1: 'G', 1, then the body. */
    static final String RECORDED_VERSION_1 = "4701" + BODY;

    @Test
    void theFirstReleasesUnversionedBytesStillDecode() {
        TruthBuffer decoded = TruthBufferSerde.decode(HexFormat.of().parseHex(RECORDED_UNVERSIONED));
        assertThat(decoded.byTime()).usingRecursiveComparison().isEqualTo(recordedBuffer().byTime());
    }

    @Test
    void aBufferIsWrittenAsVersion1AndReadBack() {
        assertThat(HexFormat.of().formatHex(TruthBufferSerde.encode(recordedBuffer()))).isEqualTo(RECORDED_VERSION_1);
        TruthBuffer decoded = TruthBufferSerde.decode(HexFormat.of().parseHex(RECORDED_VERSION_1));
        assertThat(decoded.byTime()).usingRecursiveComparison().isEqualTo(recordedBuffer().byTime());
    }

    @Test
    void anEmptyBufferRoundTripsThroughTheSerde() {
        TruthBufferSerde serde = new TruthBufferSerde();
        byte[] bytes = serde.serializer().serialize("truth", TruthBuffer.empty());
        assertThat(serde.deserializer().deserialize("truth", bytes).isEmpty()).isTrue();
        assertThat(serde.deserializer().deserialize("truth", null)).isNull();
    }

    @Test
    void truncatedOrUnknownBytesAreRefusedNamingTheTruthBuffer() {
        byte[] bytes = HexFormat.of().parseHex(RECORDED_VERSION_1);
        assertThatThrownBy(() -> TruthBufferSerde.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("truth buffer:");
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> TruthBufferSerde.decode(trailing))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
        byte[] wrongVersion = bytes.clone();
        wrongVersion[1] = 9;
        assertThatThrownBy(() -> TruthBufferSerde.decode(wrongVersion))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
        byte[] hugeCount = HexFormat.of().parseHex("47017fffffff");
        assertThatThrownBy(() -> TruthBufferSerde.decode(hugeCount))
                .isInstanceOf(SerializationException.class).hasMessageContaining("time count");
    }
}
