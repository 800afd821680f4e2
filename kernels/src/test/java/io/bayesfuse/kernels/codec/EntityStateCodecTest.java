package io.bayesfuse.kernels.codec;

import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.filter.MixtureState;
import io.bayesfuse.kernels.filter.ParticleState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

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
}
