package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.VersionedFusion;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.state.FusionStateCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store formats of the fusion stage: the quantity store's values and the tombstone repartition topic's. */
class FusedQuantitySerdeTest {

    private static FusedQuantity quantity() {
        VersionedFusion fusion = new VersionedFusion(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        fusion.update("site-a", 3, new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 0.1}, {0.1, 2}}));
        fusion.update("site-b", 8, new SourcePosterior.DiagonalCovariance(new double[]{0, 1}, new double[]{3, 4}));
        fusion.retract("site-c", 2);
        return new FusedQuantity("covariance-intersection;criterion=trace;fast=false",
                Map.of("site-a", new SourceClock(1_000L, 1_200), "site-b", new SourceClock(null, 1_300)), fusion.snapshot());
    }

    @Test
    void aStoredQuantityComesBackWithItsFingerprintClocksAndStateBitForBit() {
        FusedQuantity original = quantity();
        byte[] bytes = FusedQuantitySerde.encode(original);
        FusedQuantity decoded = FusedQuantitySerde.decode(bytes);
        assertThat(decoded.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(decoded.clocks()).isEqualTo(original.clocks());
        assertThat(FusionStateCodec.encode(decoded.state())).isEqualTo(FusionStateCodec.encode(original.state()));
        assertThat(FusedQuantitySerde.encode(decoded)).as("re-encoded unchanged").isEqualTo(bytes);
    }

    @Test
    void clocksAreReadWithoutDecodingTheFusionState() {
        byte[] bytes = FusedQuantitySerde.encode(quantity());
        bytes[bytes.length - 1] ^= 0x55;   // damage only the fusion state's last byte
        FusedQuantity decoded = FusedQuantitySerde.decode(bytes);
        assertThat(decoded.clocks()).containsOnlyKeys("site-a", "site-b");
    }

    @Test
    void bytesThatAreNotAQuantityStateAreRefusedWithAReason() {
        byte[] bytes = FusedQuantitySerde.encode(quantity());
        assertThatThrownBy(() -> FusedQuantitySerde.decode(Arrays.copyOf(bytes, 9)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        byte[] other = bytes.clone();
        other[1] = 9;
        assertThatThrownBy(() -> FusedQuantitySerde.decode(other))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }

    @Test
    void aTombstoneTravelsWithItsSourceAndOrigin() {
        PosteriorInput.Tombstone tombstone = new PosteriorInput.Tombstone("site-b", new Lineage("bayesfuse.posterior-updates", 3, 42L));
        assertThat(TombstoneSerde.decode(TombstoneSerde.encode(tombstone))).isEqualTo(tombstone);
        PosteriorInput.Tombstone withoutOrigin = new PosteriorInput.Tombstone("ü/ß", null);
        assertThat(TombstoneSerde.decode(TombstoneSerde.encode(withoutOrigin))).isEqualTo(withoutOrigin);
    }
}
