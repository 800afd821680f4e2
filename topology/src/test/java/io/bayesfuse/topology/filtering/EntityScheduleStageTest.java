package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.bayesfuse.topology.filtering.FilterStageBehaviourTest.gps;
import static io.bayesfuse.topology.filtering.FilterStageBehaviourTest.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eviction ({@code entities.ttlMillis}) and prediction ticks ({@code entities.predictionTicks}) are
 * functions of the input alone: of the stored state and stream time, never of the wall clock, of
 * when the task started or of how far a sweep got. The input: 30 entities on one partition (more
 * than the sweep budget of 2), some of them silent for a while (long enough to be predicted, or to
 * be evicted and come back), a few measurements late within the history, and an end where some
 * entities stop before the others.
 */
class EntityScheduleStageTest {

    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              outOfOrder: {historyMillis: 2000}
            entities: {ttlMillis: 8000, predictionTicks: {intervalMillis: 1000, idleMillis: 2000}, sweepBudget: %d}
            validation: {maxFutureMillis: 10000}
            """;
    private static final int ENTITIES = 30;
    private static final int STEPS = 120;
    private static final long STEP_MILLIS = 250;
    private static final long T0 = 1_000_000;

    private static final String ENTITY_CHANGELOG = changelog(BayesfuseTopology.ENTITY_STORE);
    private static final String SCHEDULE_CHANGELOG = changelog(BayesfuseTopology.ENTITY_SCHEDULE_STORE);
    private static final String SENSOR_CHANGELOG = changelog(BayesfuseTopology.SENSOR_STORE);

    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    /** One output record: key, value bytes, timestamp. */
    private record Output(String key, byte[] value, long timestamp) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Output other && key.equals(other.key) && Arrays.equals(value, other.value)
                    && timestamp == other.timestamp;
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }

        @Override
        public String toString() {
            return key + "@" + timestamp + " (" + value.length + " bytes)";
        }
    }

    /**
     * Entity k is measured every 250 ms, except: k % 3 == 1 is silent for 5 s from 5 s on (quiet
     * long enough to be predicted, not to be evicted) and stops 5 s before the end; k % 3 == 2 is
     * silent for 12.5 s from 7.5 s on (predicted, then evicted: it comes back from its prior). Every
     * 17th measurement arrives one step late (within the 2 s history).
     */
    static List<Measurement> workload() {
        Random random = new Random(16);
        List<Measurement> inputs = new ArrayList<>();
        Measurement held = null;
        int heldAt = -1;
        for (int step = 0; step < STEPS; step++) {
            for (int k = 0; k < ENTITIES; k++) {
                if (silent(k, step)) {
                    continue;
                }
                long time = T0 + step * STEP_MILLIS + (k * 7L) % 50;
                Measurement m = gps("e" + k, time, step * 0.25 + random.nextGaussian(), step * 0.25 + random.nextGaussian());
                if (k != 0 && inputs.size() % 17 == 16 && held == null) {
                    held = m;   // arrives after the entity's next measurement
                    heldAt = step;
                    continue;
                }
                inputs.add(m);
            }
            if (held != null && step > heldAt) {
                inputs.add(held);
                held = null;
            }
        }
        return inputs;
    }

    private static boolean silent(int k, int step) {
        return switch (k % 3) {
            case 1 -> (step >= 20 && step < 40) || step >= STEPS - 20;
            case 2 -> step >= 30 && step < 80;
            default -> false;
        };
    }

    private StageDriver driver(Path state, int budget) {
        return new StageDriver(ConfigLoader.parse(CONFIG.formatted(budget), "test"), registry.url(), state);
    }

    private static List<Output> drain(StageDriver d) {
        var raw = d.driver.createOutputTopic(d.topics.estimates(), Serdes.String().deserializer(), new ByteArrayDeserializer());
        return raw.readRecordsToList().stream().map(r -> new Output(r.key(), r.value(), r.timestamp())).toList();
    }

    private List<Output> run(Path state, int budget) {
        try (StageDriver d = driver(state, budget)) {
            workload().forEach(m -> send(d, m));
            return drain(d);
        }
    }

    private static List<Estimate> decode(StageDriver d, List<Output> out) {
        var values = d.serde(Estimate.class).deserializer();
        return out.stream().map(o -> values.deserialize(d.topics.estimates(), o.value())).toList();
    }

    @Test
    void withPredictionTicksTheSameInputGivesByteIdenticalOutput() {
        List<Output> first = run(stateDir.resolve("first"), 2);
        List<Output> second = run(stateDir.resolve("second"), 2);
        assertThat(second).hasSameSizeAs(first).containsExactlyElementsOf(first);
    }

    @Test
    void afterTheInputStopsThirtySecondsOfIdlingPublishNothingAndNoPredictionRepeats() {
        try (StageDriver d = driver(stateDir, 2)) {
            workload().forEach(m -> send(d, m));
            List<Estimate> out = decode(d, drain(d));
            List<Estimate> predicted = out.stream().filter(e -> e.getStatus() == EstimateStatus.PREDICTED).toList();
            assertThat(predicted).as("silent and lagging entities were predicted").hasSizeGreaterThan(50);
            assertThat(predicted).extracting(Estimate::getEntityId).as("the entities that stopped early are among them")
                    .contains("e1", "e4", "e28");
            Set<String> seen = new HashSet<>();
            for (Estimate e : predicted) {
                assertThat(seen.add(e.getEntityId() + "@" + e.getTimestamp().toEpochMilli()))
                        .as("PREDICTED %s at %s published once", e.getEntityId(), e.getTimestamp()).isTrue();
            }
            for (int second = 0; second < 30; second++) {
                d.driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            assertThat(drain(d)).as("30 s of idling (stream time stands still)").isEmpty();
        }
    }

    @Test
    void anEntitySilentLongerThanItsTtlStartsAgainFromItsPriorWhenItReturns() {
        try (StageDriver d = driver(stateDir, 2)) {
            workload().forEach(m -> send(d, m));
            Map<String, List<Estimate>> byEntity = new HashMap<>();
            for (Estimate e : decode(d, drain(d))) {
                if (e.getStatus() != EstimateStatus.PREDICTED) {
                    byEntity.computeIfAbsent(e.getEntityId(), k -> new ArrayList<>()).add(e);
                }
            }
            // the first update from the prior has the same covariance whatever z is: P = (P0^-1 + H'R^-1 H)^-1
            List<Double> fromPrior = byEntity.get("e2").get(0).getCovariance().getValues();
            Estimate returned = firstAfter(byEntity.get("e2"), T0 + 80 * STEP_MILLIS);
            assertThat(returned.getCovariance().getValues()).as("e2 came back after 12.5 s (ttl 8 s)").isEqualTo(fromPrior);
            Estimate resumed = firstAfter(byEntity.get("e1"), T0 + 40 * STEP_MILLIS);
            assertThat(resumed.getCovariance().getValues()).as("e1 came back after 5 s: continued")
                    .isNotEqualTo(byEntity.get("e1").get(0).getCovariance().getValues());
        }
    }

    private static Estimate firstAfter(List<Estimate> estimates, long time) {
        return estimates.stream().filter(e -> e.getTimestamp().toEpochMilli() >= time).findFirst().orElseThrow();
    }

    @Test
    void theSweepBudgetChangesNoEstimateOfAMeasurement() {
        List<Output> small = run(stateDir.resolve("small"), 1);
        List<Output> large = run(stateDir.resolve("large"), 1_000);
        try (StageDriver d = driver(stateDir.resolve("decode"), 1)) {
            assertThat(measured(d, small)).hasSize(workload().size()).containsExactlyElementsOf(measured(d, large));
        }
    }

    /** The estimates answering measurements (every status but PREDICTED). */
    private static List<Output> measured(StageDriver d, List<Output> out) {
        List<Estimate> values = decode(d, out);
        List<Output> measured = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (values.get(i).getStatus() != EstimateStatus.PREDICTED) {
                measured.add(out.get(i));
            }
        }
        return measured;
    }

    /**
     * The stage is stopped three times and a new one restored from the changelogs (as Kafka Streams
     * restores a task that moved or crashed); its output equals the uninterrupted run's, record for
     * record and bit for bit but for the input offsets. Each restart comes before a record that is the newest so far: a test driver starts its
     * stream time from the first record, a broker restores it from the committed offsets.
     */
    @Test
    void aRestartedStageEvictsAndPredictsExactlyAsAnUninterruptedOne() {
        List<Measurement> input = workload();
        List<Output> uninterrupted = run(stateDir.resolve("uninterrupted"), 2);
        List<Integer> restarts = restartPoints(input, 3);
        List<Output> resumed = new ArrayList<>();
        Map<String, List<TestRecord<String, byte[]>>> changelogs = new HashMap<>();
        int from = 0;
        for (int part = 0; part <= restarts.size(); part++) {
            int to = part < restarts.size() ? restarts.get(part) : input.size();
            try (StageDriver d = driver(stateDir.resolve("part-" + part), 2)) {
                restore(d, changelogs);
                input.subList(from, to).forEach(m -> send(d, m));
                resumed.addAll(drain(d));
                for (String topic : List.of(ENTITY_CHANGELOG, SCHEDULE_CHANGELOG, SENSOR_CHANGELOG)) {
                    changelogs.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(d.driver.createOutputTopic(topic,
                            Serdes.String().deserializer(), new ByteArrayDeserializer()).readRecordsToList());
                }
            }
            from = to;
        }
        assertThat(changelogs.get(SCHEDULE_CHANGELOG)).isNotEmpty();
        try (StageDriver d = driver(stateDir.resolve("decode"), 2)) {
            assertThat(withoutOffsets(d, resumed)).hasSameSizeAs(uninterrupted)
                    .containsExactlyElementsOf(withoutOffsets(d, uninterrupted));
        }
    }

    /**
     * The records as text (every number as Java prints a double, so equal texts mean bit-equal
     * numbers) without the input offset in their lineage: a new test driver numbers its input from 0.
     */
    private static List<String> withoutOffsets(StageDriver d, List<Output> out) {
        List<Estimate> values = decode(d, out);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Estimate e = values.get(i);
            if (e.getLineage() != null) {
                e.getLineage().setOffset(-1);
            }
            texts.add(out.get(i).key() + "@" + out.get(i).timestamp() + " " + e);
        }
        return texts;
    }

    @Test
    void anExpiredEntityIsGoneWhenItIsMeasuredEvenBeforeTheSweepReachedIt() {
        try (StageDriver d = driver(stateDir, 1)) {
            for (String id : List.of("a", "b", "c")) {
                send(d, gps(id, 1_000, 0, 0));
            }
            List<Double> fromPrior = d.estimates.readValuesToList().get(2).getCovariance().getValues();
            send(d, gps("c", 20_000, 5, 5));   // all three expired; the budget of 1 evicts a first
            Estimate c = d.estimates.readValuesToList().stream().filter(e -> e.getStatus() != EstimateStatus.PREDICTED)
                    .findFirst().orElseThrow();
            assertThat(c.getCovariance().getValues()).as("c starts again from its prior").isEqualTo(fromPrior);
            KeyValueStore<String, TrackedEntity> store = d.driver.getKeyValueStore(BayesfuseTopology.ENTITY_STORE);
            assertThat(store.get("a")).isNull();
            assertThat(store.get("b")).as("not reached yet").isNotNull();
            send(d, gps("c", 20_100, 5, 5));
            assertThat(store.get("b")).as("reached by the next record's sweep").isNull();
        }
    }

    @Test
    void anEntityDeletedAndMeasuredAgainIsNotPredictedTwiceAtOneTick() {
        try (StageDriver d = driver(stateDir, 10)) {
            send(d, gps("quiet", 1_000, 0, 0));
            send(d, gps("busy", 4_200, 0, 0));            // tick 4 000: quiet is predicted
            d.measurements.pipeInput("quiet", null, 4_300);  // deleted
            send(d, gps("quiet", 1_900, 0, 0));           // back, already quiet for 2 s at tick 4 000
            send(d, gps("busy", 4_500, 0, 0));
            send(d, gps("busy", 5_100, 0, 0));            // tick 5 000
            List<String> predicted = d.estimates.readValuesToList().stream()
                    .filter(e -> e.getStatus() == EstimateStatus.PREDICTED)
                    .map(e -> e.getEntityId() + "@" + e.getTimestamp().toEpochMilli()).toList();
            assertThat(predicted).containsExactly("quiet@4000", "quiet@5000");
        }
    }

    @Test
    void entitiesStoredWithoutAScheduleAreScheduledAtTheFirstRecord() {
        String withoutLifetimes = CONFIG.formatted(2).replaceAll("(?m)^entities:.*\n", "");
        List<TestRecord<String, byte[]>> entities;
        List<TestRecord<String, byte[]>> schedule;
        try (StageDriver d = new StageDriver(ConfigLoader.parse(withoutLifetimes, "test"), registry.url(), stateDir.resolve("before"))) {
            send(d, gps("old", T0, 0, 0));
            send(d, gps("young", T0 + 5_000, 0, 0));
            entities = d.driver.createOutputTopic(ENTITY_CHANGELOG, Serdes.String().deserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
            schedule = d.driver.createOutputTopic(SCHEDULE_CHANGELOG, Serdes.String().deserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
        }
        assertThat(schedule).extracting(TestRecord::key).as("nothing scheduled, only the settings").containsExactly("~settings");
        try (StageDriver d = driver(stateDir.resolve("after"), 2)) {
            restore(d, Map.of(ENTITY_CHANGELOG, entities, SCHEDULE_CHANGELOG, schedule));
            send(d, gps("young", T0 + 9_000, 0, 0));   // stream time: old has been quiet for 9 s, ttl 8 s
            KeyValueStore<String, TrackedEntity> store = d.driver.getKeyValueStore(BayesfuseTopology.ENTITY_STORE);
            assertThat(store.get("old")).as("evicted").isNull();
            assertThat(store.get("young")).isNotNull();
            KeyValueStore<String, byte[]> scheduleStore = d.driver.getKeyValueStore(BayesfuseTopology.ENTITY_SCHEDULE_STORE);
            assertThat(new String(scheduleStore.get("~settings"))).isEqualTo("ttlMillis=8000 intervalMillis=1000 idleMillis=2000");
        }
    }

    /** {@code count} positions spread over the input where the record is at least as new as every earlier one. */
    private static List<Integer> restartPoints(List<Measurement> input, int count) {
        List<Integer> points = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < input.size() && points.size() < count; i++) {
            long time = input.get(i).getTimestamp().toEpochMilli();
            if (i >= (points.size() + 1) * input.size() / (count + 1) && time >= newest) {
                points.add(i);
            }
            newest = Math.max(newest, time);
        }
        assertThat(points).hasSize(count);
        return points;
    }

    /** Puts every changelog record into the new driver's stores, in order (null: a deletion). */
    private static void restore(StageDriver d, Map<String, List<TestRecord<String, byte[]>>> changelogs) {
        TrackedEntitySerde entities = new TrackedEntitySerde();
        KeyValueStore<String, TrackedEntity> entityStore = d.driver.getKeyValueStore(BayesfuseTopology.ENTITY_STORE);
        KeyValueStore<String, byte[]> scheduleStore = d.driver.getKeyValueStore(BayesfuseTopology.ENTITY_SCHEDULE_STORE);
        for (TestRecord<String, byte[]> r : changelogs.getOrDefault(ENTITY_CHANGELOG, List.of())) {
            entityStore.put(r.key(), r.value() == null ? null : entities.deserializer().deserialize(ENTITY_CHANGELOG, r.value()));
        }
        for (TestRecord<String, byte[]> r : changelogs.getOrDefault(SCHEDULE_CHANGELOG, List.of())) {
            scheduleStore.put(r.key(), r.value());
        }
    }

    private static String changelog(String store) {
        return "bayesfuse-" + store + "-changelog";
    }
}
