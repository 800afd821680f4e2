package io.bayesfuse.topology.filtering;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Due entries sort by time as bytes, and every other key of the store sorts after them. */
class ScheduleKeysTest {

    @Test
    void dueEntriesSortByTimeAsUtf8BytesIncludingNegativeTimes() {
        long[] times = {Long.MIN_VALUE, -5_000, -1, 0, 1, 999, 1_000, 1_700_000_000_000L, Long.MAX_VALUE};
        String[] keys = Arrays.stream(times).mapToObj(t -> ScheduleKeys.due(t, "e")).toArray(String[]::new);
        String[] sorted = keys.clone();
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertThat(sorted).containsExactly(keys);
    }

    @Test
    void aDueKeyReadsBackWhateverCharactersTheEntityIdHolds() {
        for (String id : List.of("truck-7", "", "a\u0000b", "~p", "日本")) {
            ScheduleKeys.Due due = ScheduleKeys.parseDue(ScheduleKeys.due(-42, id));
            assertThat(due.time()).isEqualTo(-42);
            assertThat(due.entityId()).isEqualTo(id);
        }
    }

    @Test
    void theInclusiveBoundTakesEveryEntryAtItsTimeAndNoLaterOne() {
        String bound = ScheduleKeys.dueAtOrBefore(5_000);
        assertThat(compare(ScheduleKeys.due(5_000, "\uffff\uffff"), bound)).isNegative();
        assertThat(compare(ScheduleKeys.due(5_001, ""), bound)).isPositive();
    }

    @Test
    void predictedAndSettingsKeysSortAfterEveryDueEntry() {
        String latest = ScheduleKeys.due(Long.MAX_VALUE, "\uffff");
        assertThat(compare(latest, ScheduleKeys.AFTER_DUE_ENTRIES)).isNegative();
        assertThat(compare(ScheduleKeys.AFTER_DUE_ENTRIES, ScheduleKeys.predicted(""))).isNegative();
        assertThat(compare(ScheduleKeys.AFTER_DUE_ENTRIES, ScheduleKeys.SETTINGS)).isNegative();
    }

    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
