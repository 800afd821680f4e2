package io.bayesfuse.kernels.fusion.state;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSetDigestTest {

    @Test
    void hexIsSixteenLowerCaseDigitsOfTheTwosComplementAsPublishedBefore() {
        long[] edges = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0xABCDEFL, 0x8000_0000_0000_0001L};
        for (long digest : edges) {
            assertThat(SourceSetDigest.hex(digest)).isEqualTo(String.format("%016x", digest));
        }
        Random random = new Random(5);
        for (int i = 0; i < 1_000; i++) {
            long digest = random.nextLong();
            assertThat(SourceSetDigest.hex(digest)).isEqualTo(String.format("%016x", digest)).hasSize(16);
        }
    }

    @Test
    void theDigestOfASetDoesNotDependOnTheOrderOfItsPairsAndRemovalUndoesAnAddition() {
        long ab = SourceSetDigest.add(SourceSetDigest.add(0L, "a", 1), "b", 2);
        long ba = SourceSetDigest.add(SourceSetDigest.add(0L, "b", 2), "a", 1);
        assertThat(ab).isEqualTo(ba);
        assertThat(SourceSetDigest.remove(ab, "b", 2)).isEqualTo(SourceSetDigest.add(0L, "a", 1));
        assertThat(SourceSetDigest.add(0L, "a", 2)).isNotEqualTo(SourceSetDigest.add(0L, "a", 1));
    }
}
