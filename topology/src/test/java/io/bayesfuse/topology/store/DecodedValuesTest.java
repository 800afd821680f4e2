package io.bayesfuse.topology.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodedValuesTest {

    @Test
    void aKeptValueIsReadUntilItIsTakenOut() {
        DecodedValues<String> values = new DecodedValues<>(100);
        values.put("q", "state", 10);
        assertThat(values.get("q")).isEqualTo("state");
        assertThat(values.take("q")).isEqualTo("state");
        assertThat(values.take("q")).as("taken out while it is being changed").isNull();
        assertThat(values.get("q")).isNull();
    }

    @Test
    void theLeastRecentlyUsedValuesAreDroppedBeyondTheBound() {
        DecodedValues<String> values = new DecodedValues<>(100);
        values.put("a", "A", 40);
        values.put("b", "B", 40);
        values.get("a");   // a used again: b is now the oldest
        values.put("c", "C", 40);
        assertThat(values.get("b")).isNull();
        assertThat(values.get("a")).isEqualTo("A");
        assertThat(values.get("c")).isEqualTo("C");
        assertThat(values.size()).isEqualTo(2);
    }

    @Test
    void aValueHeavierThanTheBoundIsNotKeptAndReplacesNothing() {
        DecodedValues<String> values = new DecodedValues<>(100);
        values.put("a", "A", 40);
        values.put("big", "BIG", 101);
        assertThat(values.get("big")).isNull();
        assertThat(values.get("a")).isEqualTo("A");
    }

    @Test
    void aRewrittenValueReplacesTheOldOneAndItsWeight() {
        DecodedValues<String> values = new DecodedValues<>(100);
        values.put("a", "A1", 90);
        values.put("a", "A2", 90);
        assertThat(values.get("a")).isEqualTo("A2");
        values.put("b", "B", 10);
        assertThat(values.get("a")).as("90 + 10 fits").isEqualTo("A2");
    }

    @Test
    void removedAndClearedValuesAreGone() {
        DecodedValues<String> values = new DecodedValues<>(100);
        values.put("a", "A", 10);
        values.put("b", "B", 10);
        values.remove("a");
        assertThat(values.get("a")).isNull();
        values.clear();
        assertThat(values.size()).isZero();
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> new DecodedValues<String>(-1)).hasMessageContaining("maxWeight is -1");
    }
}
