package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.FusionStateCodec;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store formats of the fusion stage: the quantity store's values and the tombstone repartition topic's. */
class FusedQuantitySerdeTest {

    /** A value of the previous release's format (every source inside), as its stores hold them. */
    private static FusedQuantity quantity() {
        FusionState state = new FusionState(FusionMethod.COVARIANCE_INTERSECTION, 2, List.of(), 0, List.of(
                new SourceEntry("site-a", 3, List.of(new double[]{1, 0.1, 2}, new double[]{1, 2})),
                new SourceEntry("site-b", 8, List.of(new double[]{3, 4}, new double[]{0, 1}))), Map.of("site-c", 2L));
        return new FusedQuantity("covariance-intersection;criterion=trace;fast=false",
                Map.of("site-a", new SourceClock(1_000L, 1_200), "site-b", new SourceClock(null, 1_300)), state);
    }

    @Test
    void aStoredQuantityOfThisReleaseComesBackBitForBit() {
        VersionedFusion fusion = new VersionedFusion(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        fusion.update("site-a", 3, new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 0.1}, {0.1, 2}}));
        fusion.update("site-c", 1, new SourcePosterior.DiagonalCovariance(new double[]{0, 1}, new double[]{3, 4}));
        fusion.retract("site-c", 2);
        StoredQuantity original = StoredQuantity.of("covariance-intersection;criterion=trace;fast=false", 60_000L, fusion.header());
        byte[] bytes = StoredQuantitySerde.encode(original);
        StoredQuantity decoded = StoredQuantitySerde.decode(bytes);
        assertThat(decoded.isLegacy()).isFalse();
        assertThat(decoded.indexedTtlMillis()).isEqualTo(60_000L);
        assertThat(StoredQuantitySerde.encode(decoded)).isEqualTo(bytes);
        assertThat(decoded.header().contributing()).isEqualTo(1);
        assertThat(decoded.header().known()).isEqualTo(2);
    }

    @Test
    void aValueOfThePreviousReleaseReadsAsLegacy() {
        StoredQuantity decoded = StoredQuantitySerde.decode(FusedQuantitySerde.encode(quantity()));
        assertThat(decoded.isLegacy()).isTrue();
        assertThat(decoded.legacy().clocks()).containsOnlyKeys("site-a", "site-b");
        assertThatThrownBy(() -> StoredQuantitySerde.decode(new byte[]{'Q', 7, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 7");
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
