package io.bayesfuse.kernels.simulation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulationTest {

    private static final Scenario TWO_MINUTES = Scenario.standard(6, 2024).withDuration(120_000);

    @Test
    void theSameScenarioGivesTheSameEventsInTheSameOrder() {
        List<String> first = describe(all(TWO_MINUTES));
        List<String> second = describe(all(TWO_MINUTES));
        assertThat(first).hasSizeGreaterThan(3000).isEqualTo(second);
        assertThat(describe(all(Scenario.standard(6, 2025).withDuration(120_000)))).isNotEqualTo(first);
    }

    @Test
    void eventsComeOutInDeliveryOrderAndReadingsStopAtTheEnd() {
        long previous = Long.MIN_VALUE;
        for (SimulationEvent e : all(TWO_MINUTES)) {
            assertThat(e.deliveryTime()).isGreaterThanOrEqualTo(previous);
            previous = e.deliveryTime();
            if (e instanceof SimulationEvent.Reading r) {
                assertThat(r.reading().time()).isLessThan(120_000).isLessThanOrEqualTo(r.deliveryTime());
            }
        }
    }

    @Test
    void someReadingsArriveAfterNewerOnesOfTheSameEntityAndAFewTooLateForTheWindow() {
        Map<String, Long> newest = new HashMap<>();
        int outOfOrder = 0;
        int beyondWindow = 0;
        int readings = 0;
        for (SimulationEvent e : all(TWO_MINUTES)) {
            if (e instanceof SimulationEvent.Reading r) {
                readings++;
                long newestSoFar = newest.getOrDefault(r.reading().entityId(), Long.MIN_VALUE);
                if (r.reading().time() < newestSoFar) {
                    outOfOrder++;
                    beyondWindow += newestSoFar - r.reading().time() > 2000 ? 1 : 0;
                }
                newest.merge(r.reading().entityId(), r.reading().time(), Math::max);
            }
        }
        assertThat(outOfOrder).isBetween(readings / 40, readings / 8);
        assertThat(beyondWindow).isBetween(1, readings / 50);
    }

    @Test
    void theRadarIsSilentDuringItsOutage() {
        List<Long> radarTimes = new ArrayList<>();
        for (SimulationEvent e : all(TWO_MINUTES)) {
            if (e instanceof SimulationEvent.Reading r && r.reading().sensorId().equals(Scenario.RADAR)) {
                radarTimes.add(r.reading().time());
            }
        }
        assertThat(radarTimes).noneMatch(t -> t >= 25_000 && t < 40_000).noneMatch(t -> t >= 85_000 && t < 100_000);
        assertThat(radarTimes).anyMatch(t -> t < 25_000).anyMatch(t -> t >= 40_000 && t < 85_000);
    }

    @Test
    void everySensorReadsEveryEntityWithClutterAndRareFaults() {
        Map<String, Integer> bySensor = new HashMap<>();
        Map<ReadingKind, Integer> byKind = new HashMap<>();
        Set<String> entities = new HashSet<>();
        for (SimulationEvent e : all(TWO_MINUTES)) {
            if (e instanceof SimulationEvent.Reading r) {
                bySensor.merge(r.reading().sensorId(), 1, Integer::sum);
                byKind.merge(r.reading().kind(), 1, Integer::sum);
                entities.add(r.reading().entityId());
            }
        }
        assertThat(entities).hasSize(6).contains("target-01", "target-06");
        assertThat(bySensor).containsKeys(Scenario.GPS, Scenario.DGPS, Scenario.RADAR, Scenario.VELOCITY_NET);
        // gps 1 Hz, dgps 0.5 Hz, radar 2 Hz (down a quarter of the time), velocity feed 2/3 Hz, 6 entities, 120 s
        assertThat(bySensor.get(Scenario.GPS)).isCloseTo(720, within(30));
        assertThat(bySensor.get(Scenario.RADAR)).isCloseTo(6 * 2 * 90, within(60));
        assertThat(byKind.get(ReadingKind.CLUTTER)).isBetween(20, 80);
        assertThat(byKind.getOrDefault(ReadingKind.NON_FINITE, 0) + byKind.getOrDefault(ReadingKind.UNKNOWN_SENSOR, 0))
                .isBetween(2, 25);
    }

    @Test
    void readingsFollowTheTruth() {
        Map<String, TargetState> truth = new HashMap<>();
        double worst = 0;
        for (SimulationEvent e : all(TWO_MINUTES)) {
            if (e instanceof SimulationEvent.Truth t) {
                truth.put(t.entityId(), t.state());
            } else if (e instanceof SimulationEvent.Reading r && r.reading().sensorId().equals(Scenario.DGPS)
                    && r.reading().kind() == ReadingKind.TRUE && r.deliveryTime() - r.reading().time() < 100) {
                TargetState t = truth.get(r.reading().entityId());
                if (t != null && r.reading().time() - t.time() <= 250) {
                    // truth sampled at most 250 ms earlier, speed below 28 m/s
                    worst = Math.max(worst, Math.hypot(r.reading().z()[0] - t.x(), r.reading().z()[1] - t.y()));
                }
            }
        }
        assertThat(worst).isGreaterThan(0).isLessThan(7 + 12 * 2.5);
    }

    @Test
    void learnersPublishVersionsOfBothModelsIncludingSomeStaleRepeats() {
        Map<String, Long> versions = new HashMap<>();
        int stale = 0;
        int posteriors = 0;
        for (SimulationEvent e : all(Scenario.standard(1, 3).withDuration(600_000))) {
            if (e instanceof SimulationEvent.Posterior p) {
                posteriors++;
                String key = p.posterior().quantityId() + "/" + p.posterior().sourceId();
                long previous = versions.getOrDefault(key, 0L);
                stale += p.posterior().version() <= previous ? 1 : 0;
                versions.merge(key, p.posterior().version(), Math::max);
            }
        }
        assertThat(versions).hasSize(8).containsKeys("demand-model/learner-1", "wear-model/learner-4");
        assertThat(posteriors).isCloseTo(4 * 300 + 4 * 200, within(8));
        assertThat(stale).isBetween(posteriors / 40, posteriors / 10);
    }

    @Test
    void theReadingRateCanBeSetForTheWholeScenario() {
        Scenario fast = Scenario.standard(10, 1).withReadingRate(500).withDuration(10_000);
        assertThat(fast.readingRate()).isCloseTo(500, within(15.0));
        long readings = all(fast).stream().filter(e -> e instanceof SimulationEvent.Reading).count();
        // the radar is up for the first 10 s
        assertThat(readings).isCloseTo(5000, within(300L));
    }

    private static List<SimulationEvent> all(Scenario scenario) {
        Simulation simulation = new Simulation(scenario);
        List<SimulationEvent> events = new ArrayList<>();
        while (simulation.hasNext()) {
            events.add(simulation.next());
        }
        return events;
    }

    private static List<String> describe(List<SimulationEvent> events) {
        return events.stream().map(SimulationTest::describe).toList();
    }

    private static String describe(SimulationEvent e) {
        if (e instanceof SimulationEvent.Reading r) {
            return r.deliveryTime() + " " + r.reading().entityId() + " " + r.reading().sensorId() + " " + r.reading().time()
                    + " " + java.util.Arrays.toString(r.reading().z());
        }
        if (e instanceof SimulationEvent.Truth t) {
            return "truth " + t.entityId() + " " + t.state();
        }
        SimulationEvent.Posterior p = (SimulationEvent.Posterior) e;
        return "posterior " + p.posterior().sourceId() + " " + p.posterior().version() + " "
                + java.util.Arrays.toString(p.posterior().information());
    }
}
