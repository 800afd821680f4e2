package io.bayesfuse.topology.filtering;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule's rules as plain functions of an entity's times and stream time. */
class EntityScheduleTest {

    private static final EntitySchedule TTL_ONLY = new EntitySchedule(60_000L, null, 0);
    private static final EntitySchedule TICKS_ONLY = new EntitySchedule(null, 1_000L, 2_000);
    private static final EntitySchedule BOTH = new EntitySchedule(5_000L, 1_000L, 2_000);

    @Test
    void anEntityExpiresOnceStreamTimeIsMoreThanItsTtlPastItsNewestMeasurement() {
        assertThat(TTL_ONLY.expired(1_000, 61_000)).isFalse();
        assertThat(TTL_ONLY.expired(1_000, 61_001)).isTrue();
        assertThat(TTL_ONLY.dueAt(1_000, EntitySchedule.NOT_PREDICTED)).isEqualTo(61_001);
        assertThat(TICKS_ONLY.expired(1_000, Long.MAX_VALUE)).as("no ttl: never").isFalse();
    }

    @Test
    void ticksFallOnMultiplesOfTheIntervalWhateverTheSign() {
        assertThat(TICKS_ONLY.tick(9_999)).isEqualTo(9_000);
        assertThat(TICKS_ONLY.tick(10_000)).isEqualTo(10_000);
        assertThat(TICKS_ONLY.tick(-1)).isEqualTo(-1_000);
    }

    @Test
    void aQuietEntityIsDueAtTheFirstTickAfterItsIdleTime() {
        // newest measurement at 1 500: quiet from 3 500, so the first tick is 4 000
        assertThat(TICKS_ONLY.dueAt(1_500, EntitySchedule.NOT_PREDICTED)).isEqualTo(4_000);
        assertThat(TICKS_ONLY.predictionDue(1_500, EntitySchedule.NOT_PREDICTED, 3_999)).isFalse();
        assertThat(TICKS_ONLY.predictionDue(1_500, EntitySchedule.NOT_PREDICTED, 4_000)).isTrue();
        assertThat(TICKS_ONLY.predictionDue(1_500, EntitySchedule.NOT_PREDICTED, 4_700)).isTrue();
    }

    @Test
    void anEntityIsNeverPredictedTwiceAtOneTick() {
        assertThat(TICKS_ONLY.predictionDue(1_500, 4_000, 4_999)).as("already predicted at 4 000").isFalse();
        assertThat(TICKS_ONLY.dueAt(1_500, 4_000)).isEqualTo(5_000);
        assertThat(TICKS_ONLY.predictionDue(1_500, 4_000, 5_000)).isTrue();
    }

    @Test
    void whileStreamTimeStandsStillNothingMoreIsDue() {
        long lastSeen = 1_500;
        long predictedThrough = EntitySchedule.NOT_PREDICTED;
        List<Long> ticks = new ArrayList<>();
        long[] streamTimes = {4_200, 4_200, 4_200, 4_900, 5_100, 5_100, 7_050, 7_050};
        for (long now : streamTimes) {
            if (TICKS_ONLY.predictionDue(lastSeen, predictedThrough, now)) {
                predictedThrough = TICKS_ONLY.tick(now);
                ticks.add(predictedThrough);
            }
        }
        assertThat(ticks).containsExactly(4_000L, 5_000L, 7_000L);
    }

    @Test
    void withIdleZeroAPredictionIsStillStrictlyAfterTheNewestMeasurement() {
        EntitySchedule eager = new EntitySchedule(null, 1_000L, 0);
        assertThat(eager.dueAt(3_000, EntitySchedule.NOT_PREDICTED)).isEqualTo(4_000);
        assertThat(eager.dueAt(2_999, EntitySchedule.NOT_PREDICTED)).isEqualTo(3_000);
    }

    @Test
    void theNextActionIsTheEarlierOfEvictionAndPrediction() {
        assertThat(BOTH.dueAt(1_500, EntitySchedule.NOT_PREDICTED)).isEqualTo(4_000);
        assertThat(BOTH.dueAt(1_500, 6_000)).as("predicted through 6 000; evicted at 6 501").isEqualTo(6_501);
    }

    @Test
    void hugeSettingsSaturateInsteadOfWrappingAround() {
        EntitySchedule forever = new EntitySchedule(Long.MAX_VALUE, 1_000L, Long.MAX_VALUE);
        assertThat(forever.dueAt(1_000, EntitySchedule.NOT_PREDICTED)).isEqualTo(EntitySchedule.NEVER);
        assertThat(forever.expired(1_000, Long.MAX_VALUE)).isFalse();
        assertThat(TICKS_ONLY.dueAt(Long.MIN_VALUE, EntitySchedule.NOT_PREDICTED)).isLessThan(0);
    }

    @Test
    void theSettingsTextNamesWhatTheDueTimesDependOn() {
        assertThat(new EntitySchedule(null, null, 0).describe()).isEqualTo("off");
        assertThat(BOTH.describe()).isEqualTo("ttlMillis=5000 intervalMillis=1000 idleMillis=2000");
        assertThat(TTL_ONLY.describe()).isEqualTo("ttlMillis=60000 intervalMillis=none idleMillis=none");
    }
}
