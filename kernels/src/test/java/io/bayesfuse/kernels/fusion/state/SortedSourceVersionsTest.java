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
    void encodedEntriesAreEveryIdAndVersionWrittenInOrderAlsoWhenCarriedFromListingToListing() {
        Random random = new Random(23);
        SortedSourceVersions listing = SortedSourceVersions.empty();
        int carried = 0;
        for (int step = 0; step < 3_000; step++) {
            String id = "s" + random.nextInt(30) + (random.nextInt(4) == 0 ? "\u00fc\uD83D\uDE00" : "")
                    + (random.nextInt(10) == 0 ? "x".repeat(130) : "");
            boolean replaces = listing.containsKey(id);
            if (random.nextInt(5) == 0) {
                listing = listing.without(id);
            } else {
                long version = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(100);
                    case 1 -> random.nextLong();
                    case 2 -> -random.nextInt(1_000);
                    default -> (long) random.nextInt(1 << 20) << random.nextInt(40);
                };
                listing = listing.with(id, version);
                carried += replaces ? 1 : 0;
            }
            for (SortedSourceVersions.IdLength length : SortedSourceVersions.IdLength.values()) {
                assertThat(listing.encodedEntries(length)).as("step %d, %s", step, length).isEqualTo(written(listing, length));
            }
        }
        assertThat(carried).as("versions replaced (bytes carried over)").isGreaterThan(1_000);
    }

    /** Each entry written one by one, as the state codec (unsigned length) or Avro (zig-zag length) writes it. */
    private static byte[] written(SortedSourceVersions listing, SortedSourceVersions.IdLength length) {
        io.bayesfuse.kernels.codec.BinaryWriter out = new io.bayesfuse.kernels.codec.BinaryWriter(16);
        for (int i = 0; i < listing.size(); i++) {
            byte[] id = listing.id(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (length == SortedSourceVersions.IdLength.UNSIGNED_VARINT) {
                out.writeVarint(id.length);
            } else {
                out.writeSignedVarint(id.length);
            }
            out.writeRaw(id).writeSignedVarint(listing.version(i));
        }
        return out.toByteArray();
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
