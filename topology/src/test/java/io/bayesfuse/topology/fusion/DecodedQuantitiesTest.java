package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.state.InMemorySourceTable;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecodedQuantitiesTest {

    private static final SelectedFusion PRODUCT = settings("fusion: {method: product}");
    private static final SelectedFusion INTERSECTION = settings("fusion: {method: covariance-intersection}");

    private static SelectedFusion settings(String yaml) {
        return FusionSelection.compile(ConfigLoader.parse(yaml, "test")).forQuantity("q");
    }

    private static FusionStores.Loaded loaded(String key, SelectedFusion settings) {
        return new FusionStores.Loaded(key, QuantityFusion.of(settings, null, new InMemorySourceTable()), null, null);
    }

    @Test
    void aKeptQuantityIsTakenOutOnceUnderTheSameSettings() {
        DecodedQuantities decoded = new DecodedQuantities(1_000);
        FusionStores.Loaded q = loaded("q", PRODUCT);
        decoded.keep(q, 10);
        assertThat(decoded.take("q", PRODUCT)).isSameAs(q);
        assertThat(decoded.take("q", PRODUCT)).as("taken out while it is being changed").isNull();
    }

    @Test
    void aQuantityKeptUnderOtherSettingsIsNotReturnedAndIsForgotten() {
        DecodedQuantities decoded = new DecodedQuantities(1_000);
        decoded.keep(loaded("q", PRODUCT), 10);
        assertThat(decoded.take("q", INTERSECTION)).isNull();
        assertThat(decoded.size()).isZero();
    }

    @Test
    void theLeastRecentlyKeptQuantitiesAreDroppedBeyondTheBound() {
        DecodedQuantities decoded = new DecodedQuantities(100);
        decoded.keep(loaded("a", PRODUCT), 40);
        decoded.keep(loaded("b", PRODUCT), 40);
        decoded.keep(loaded("a", PRODUCT), 40);   // a saved again: b is now the oldest
        decoded.keep(loaded("c", PRODUCT), 40);
        assertThat(decoded.take("b", PRODUCT)).isNull();
        assertThat(decoded.take("a", PRODUCT)).isNotNull();
        assertThat(decoded.take("c", PRODUCT)).isNotNull();
    }

    @Test
    void aQuantityHeavierThanTheBoundIsNotKept() {
        DecodedQuantities decoded = new DecodedQuantities(100);
        decoded.keep(loaded("a", PRODUCT), 40);
        decoded.keep(loaded("big", PRODUCT), 101);
        assertThat(decoded.take("big", PRODUCT)).isNull();
        assertThat(decoded.take("a", PRODUCT)).isNotNull();
    }

    @Test
    void aForgottenQuantityIsGone() {
        DecodedQuantities decoded = new DecodedQuantities(100);
        decoded.keep(loaded("a", PRODUCT), 40);
        decoded.forget("a");
        assertThat(decoded.take("a", PRODUCT)).isNull();
    }
}
