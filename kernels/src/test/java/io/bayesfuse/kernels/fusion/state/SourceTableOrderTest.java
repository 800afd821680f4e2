package io.bayesfuse.kernels.fusion.state;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTableOrderTest {

    @Test
    void aCharacterBeyondTheBasicPlaneSortsAfterEveryBasicPlaneCharacter() {
        String fullwidthA = "source-\uFF21";
        String grinningFace = "source-\uD83D\uDE00";
        assertThat(fullwidthA.compareTo(grinningFace)).as("UTF-16 order").isPositive();
        assertThat(SourceTable.ORDER.compare(fullwidthA, grinningFace)).isNegative();
        assertThat(SourceTable.ORDER.compare(grinningFace, fullwidthA)).isPositive();
    }

    @Test
    void theOrderIsTheByteOrderOfTheUtf8Encodings() {
        Random random = new Random(15);
        int[] alphabet = {'a', 'b', '-', '0', '9', 0xE9, 0x4E2D, 0xE000, 0xFF21, 0xFFFF, 0x1F600, 0x1F601, 0x10000};
        for (int trial = 0; trial < 20_000; trial++) {
            String a = randomId(random, alphabet);
            String b = random.nextInt(4) == 0 ? a + randomId(random, alphabet) : randomId(random, alphabet);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(SourceTable.ORDER.compare(a, b))).as("'%s' vs '%s'", a, b).isEqualTo(expected);
        }
    }

    private static String randomId(Random random, int[] alphabet) {
        StringBuilder id = new StringBuilder("source-");
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            id.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return id.toString();
    }
}
