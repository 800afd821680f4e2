package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.adaptive.InverseGammaNoise;
import io.bayesfuse.kernels.adaptive.InverseWishartNoise;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.filter.MixtureState;
import io.bayesfuse.kernels.filter.ParticleState;
import io.bayesfuse.kernels.smoothing.SmootherWindow;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityStateCodecTest {

    private static GaussianState gaussian(double... x) {
        int n = x.length;
        double[] P = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                P[i * n + j] = i == j ? 1 + i + Math.PI : 0.1 / (1 + i + j);
            }
        }
        return new GaussianState(x, P);
    }

    private static final List<Measurement> HISTORY = List.of(
            new Measurement("gps", 1000, new double[]{1.5, -2.25}, null),
            new Measurement("radar-é", 1100, new double[]{250.0, 0.6572077966231875}, new double[][]{{1, 0}, {0, 1e-4}}));

    @Test
    void aGaussianStateWithHistoryRoundTripsExactly() {
        EntityState state = new EntityState(List.of("cv"), 1100, gaussian(0.1, 1.0 / 3, -7e-300, Double.MIN_VALUE),
                900, gaussian(0, 1, 2, 3), true, HISTORY);
        byte[] bytes = EntityStateCodec.encode(state);
        assertThat(EntityStateCodec.decode(bytes)).isEqualTo(state);
        // compact: 2 Gaussians of 4 + 10 doubles, two measurements, a few header bytes
        assertThat(bytes.length).isLessThan(8 * (2 * 14 + 2 + 2 + 4) + 80);
    }

    @Test
    void aStateInsideALargerArrayIsDecodedInPlaceAndItsEndIsRespected() {
        EntityState state = new EntityState(List.of("cv"), 1100, gaussian(0.5, -2), 900, gaussian(0, 1), true, HISTORY);
        byte[] bytes = EntityStateCodec.encode(state);
        byte[] framed = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, framed, 5, bytes.length);
        assertThat(EntityStateCodec.decode(framed, 5, bytes.length)).isEqualTo(state);
        assertThatThrownBy(() -> EntityStateCodec.decode(framed, 5, bytes.length + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
    }

    @Test
    void mixtureAndParticleStatesRoundTripExactly() {
        EntityState imm = new EntityState(List.of("cv", "ca"), 5, new MixtureState(new double[]{0.25, 0.75},
                new GaussianState[]{gaussian(1, 2, 3, 4), gaussian(1, 2, 3, 4, 5, 6)}, 6), 5, null, false, List.of());
        assertThat(EntityStateCodec.decode(EntityStateCodec.encode(imm))).isEqualTo(imm);
        double[] particles = new double[3 * 2];
        Arrays.setAll(particles, i -> Math.sqrt(i));
        ParticleState cloud = new ParticleState(2, particles, new double[]{0.2, 0.3, 0.5}, -1234567890123L);
        EntityState pf = new EntityState(List.of("rw"), 7, cloud, 6, cloud, true, List.of(HISTORY.get(0)));
        assertThat(EntityStateCodec.decode(EntityStateCodec.encode(pf))).isEqualTo(pf);
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = EntityStateCodec.encode(new EntityState(List.of("cv"), 1, gaussian(1), 1, null, true, List.of()));
        bytes[1] = 9;
        assertThatThrownBy(() -> EntityStateCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entity state format version 9 is not readable by this build (it reads versions 1 and 2)");
    }

    @Test
    void truncatedOrForeignBytesAreRefused() {
        byte[] bytes = EntityStateCodec.encode(new EntityState(List.of("cv"), 1, gaussian(1, 2), 1, null, true, List.of()));
        assertThatThrownBy(() -> EntityStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> EntityStateCodec.decode("{\"json\": 1}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad magic byte");
    }

    /** A state that uses every part of version 2: learned noise of both kinds, at the base too, and a smoother window. */
    static EntityState everyPartOfVersion2() {
        return new EntityState(List.of("cv", "ct"), 1100, gaussian(0.1, 1.0 / 3), 900, gaussian(0, 1), false, HISTORY,
                Map.of("gps", new InverseGammaNoise(new double[]{3.5, 4}, new double[]{2.25, 0.125}),
                        "radar-é", new InverseWishartNoise(6.5, new double[]{1, 0.25, 0.25, 2})),
                Map.of("gps", new InverseGammaNoise(new double[]{3, 3}, new double[]{2, 0.1})),
                new SmootherWindow(new long[]{1000, 1100}, List.of(gaussian(0.5, -2), gaussian(0.25, 1.0 / 3))));
    }

    /** An IMM state without a history. */
    static EntityState mixture() {
        return new EntityState(List.of("cv", "ca"), 5, new MixtureState(new double[]{0.25, 0.75},
                new GaussianState[]{gaussian(1, 2), gaussian(1, 2, 3)}, 3), 5, null, false, List.of());
    }

    /** A particle state whose base is the prior, with one measurement in its history. */
    static EntityState particles() {
        double[] particles = new double[3 * 2];
        Arrays.setAll(particles, i -> Math.sqrt(i));
        ParticleState cloud = new ParticleState(2, particles, new double[]{0.2, 0.3, 0.5}, -1234567890123L);
        return new EntityState(List.of("rw"), 7, cloud, 6, cloud, true, List.of(HISTORY.get(0)));
    }

    /** Version 1 ends after the history: a state without learned noise or smoother window. */
    static EntityState version1() {
        return new EntityState(List.of("cv"), 1100, gaussian(0.5, -2), 900, gaussian(0, 1), true, HISTORY);
    }

    // bytes written by the release that introduced each version, kept so that stored states stay readable
    static final String RECORDED_VERSION_2 = "4502020002637600026374000000000000044c01023fb999999999999a3fd5555555555555401090fdaa22168c3fa999"
            + "999999999a401490fdaa22168c010000000000000384010200000000000000003ff0000000000000401090fdaa22168c"
            + "3fa999999999999a401490fdaa22168c02000367707300000000000003e8023ff8000000000000c00200000000000000"
            + "000872616461722dc3a9000000000000044c02406f4000000000003fe507d8a52587a8013ff000000000000000000000"
            + "0000000000000000000000003f1a36e2eb1c432d0200036770730102400c000000000000401000000000000040020000"
            + "000000003fc0000000000000000872616461722dc3a90202401a0000000000003ff00000000000003fd0000000000000"
            + "3fd000000000000040000000000000000100036770730102400800000000000040080000000000004000000000000000"
            + "3fb999999999999a0200000000000003e8023fe0000000000000c000000000000000401090fdaa22168c3fa999999999"
            + "999a401490fdaa22168c000000000000044c023fd00000000000003fd5555555555555401090fdaa22168c3fa9999999"
            + "99999a401490fdaa22168c";
    static final String RECORDED_MIXTURE = "450202000263760002636100000000000000050203023fd00000000000003fe8000000000000023ff000000000000040"
            + "00000000000000401090fdaa22168c3fa999999999999a401490fdaa22168c033ff00000000000004000000000000000"
            + "4008000000000000401090fdaa22168c3fa999999999999a3fa1111111111111401490fdaa22168c3f9999999999999a"
            + "401890fdaa22168c0000000000";
    static final String RECORDED_PARTICLES = "45020100027277000000000000000703020300000000000000003ff00000000000003ff6a09e667f3bcd3ffbb67ae858"
            + "4caa40000000000000004001e3779b97f4a83fc999999999999a3fd33333333333333fe0000000000000fffffee08e04"
            + "fb3503000000000000000603020300000000000000003ff00000000000003ff6a09e667f3bcd3ffbb67ae8584caa4000"
            + "0000000000004001e3779b97f4a83fc999999999999a3fd33333333333333fe0000000000000fffffee08e04fb350100"
            + "0367707300000000000003e8023ff8000000000000c00200000000000000000000";
    static final String RECORDED_VERSION_1 = "45010100026376000000000000044c01023fe0000000000000c000000000000000401090fdaa22168c3fa99999999999"
            + "9a401490fdaa22168c030000000000000384010200000000000000003ff0000000000000401090fdaa22168c3fa99999"
            + "9999999a401490fdaa22168c02000367707300000000000003e8023ff8000000000000c0020000000000000000087261"
            + "6461722dc3a9000000000000044c02406f4000000000003fe507d8a52587a8013ff00000000000000000000000000000"
            + "00000000000000003f1a36e2eb1c432d";

    @Test
    void recordedBytesOfEveryStateKindStillDecodeAndAreWrittenTheSameWay() {
        Map<String, EntityState> recorded = Map.of(RECORDED_VERSION_2, everyPartOfVersion2(), RECORDED_MIXTURE, mixture(),
                RECORDED_PARTICLES, particles());
        recorded.forEach((hex, state) -> {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(EntityStateCodec.decode(bytes)).isEqualTo(state);
            assertThat(HexFormat.of().formatHex(EntityStateCodec.encode(state))).isEqualTo(hex);
        });
    }

    @Test
    void recordedBytesOfVersion1StillDecode() {
        byte[] bytes = HexFormat.of().parseHex(RECORDED_VERSION_1);
        assertThat(bytes[1]).isEqualTo((byte) 1);
        assertThat(EntityStateCodec.decode(bytes)).isEqualTo(version1());
    }
}
