package io.bayesfuse.kernels.fusion.state;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SortedSourceVersionsTest {

    @Test
    void withAndWithoutFollowATreeMapThroughRandomChangesAndLeaveTheOriginalAsItWas() {
        Random random = new Random(11);
        TreeMap<String, Long> expected = new TreeMap<>(SourceTable.ORDER);
        SortedSourceVersions listing = SortedSourceVersions.empty();
        for (int step = 0; step < 2_000; step++) {
            String id = "s" + random.nextInt(40) + (random.nextBoolean() ? "\uD83D\uDE00" : "");
            SortedSourceVersions before = listing;
            Map<String, Long> beforeCopy = new TreeMap<>(before);
            if (random.nextInt(3) == 0) {
                expected.remove(id);
                listing = listing.without(id);
            } else {
                long version = random.nextInt(1_000);
                expected.put(id, version);
                listing = listing.with(id, version);
            }
            assertThat(before).as("step " + step + ": the previous listing").isEqualTo(beforeCopy);
            assertThat(listing).as("step " + step).isEqualTo(expected);
            assertThat(listing.keySet()).as("step " + step + ": order").containsExactlyElementsOf(expected.keySet());
            int i = 0;
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(listing.id(i)).isEqualTo(e.getKey());
                assertThat(listing.utf8Id(i)).as("step %d: the kept UTF-8 of %s", step, e.getKey())
                        .isEqualTo(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(listing.version(i)).isEqualTo(e.getValue());
                i++;
            }
        }
    }

    @Test
    void withoutAnUnlistedIdIsTheSameListing() {
        SortedSourceVersions listing = SortedSourceVersions.empty().with("a", 1);
        assertThat(listing.without("b")).isSameAs(listing);
    }

    @Test
    void aListingCannotBeChangedInPlace() {
        SortedSourceVersions listing = SortedSourceVersions.empty().with("a", 1);
        assertThatThrownBy(() -> listing.put("b", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> listing.with(null, 2L)).isInstanceOf(NullPointerException.class);
    }
}
