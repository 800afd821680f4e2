package io.bayesfuse.app.demo;

import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityStatus;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.simulation.ReadingKind;
import io.bayesfuse.kernels.simulation.Scenario;
import io.bayesfuse.kernels.simulation.Simulation;
import io.bayesfuse.kernels.simulation.SimulationEvent;
import io.bayesfuse.kernels.simulation.TargetState;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.assembly.TrackerFactory;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's configuration fits its simulator: every simulated sensor is configured, and the
 * demo's filter, run by the kernels on five simulated minutes, is consistent (each sensor's mean
 * NIS near its measurement size) and accurate.
 */
class DemoScenarioConsistencyTest {

    private static final BayesfuseConfig DEMO = ConfigLoader.parse(DemoCommand.configText(), "demo.yaml");

    @Test
    void everySimulatedSensorIsConfigured() {
        Scenario scenario = Scenario.standard(1, 1);
        scenario.sensors().forEach(s -> assertThat(DEMO.sensors()).containsKey(s.id()));
        assertThat(DEMO.sensors()).doesNotContainKey(Scenario.UNREGISTERED_SENSOR);
    }

    @Test
    void theDemoFilterIsConsistentAndAccurateOnTheSimulatedTargets() {
        EntityTracker tracker = TrackerFactory.create(DEMO);
        Simulation simulation = new Simulation(Scenario.standard(6, 5).withDuration(300_000));
        Map<String, EntityState> states = new HashMap<>();
        Map<String, TargetState> truth = new HashMap<>();
        Map<String, double[]> nis = new TreeMap<>();   // sensor -> {sum, count}
        double squaredError = 0;
        int errors = 0;
        int rejectedTrue = 0;
        int trueReadings = 0;
        while (simulation.hasNext()) {
            SimulationEvent event = simulation.next();
            if (event instanceof SimulationEvent.Truth t) {
                truth.put(t.entityId(), t.state());
                continue;
            }
            if (!(event instanceof SimulationEvent.Reading r) || r.reading().kind() == ReadingKind.NON_FINITE
                    || r.reading().kind() == ReadingKind.UNKNOWN_SENSOR) {
                continue;
            }
            var reading = r.reading();
            TrackingResult result = tracker.process(reading.entityId(), states.get(reading.entityId()),
                    new Measurement(reading.sensorId(), reading.time(), reading.z(), reading.R()));
            if (result.status() == EntityStatus.TOO_LATE) {
                continue;
            }
            states.put(reading.entityId(), result.state());
            if (reading.kind() == ReadingKind.TRUE && reading.time() > 20_000) {
                trueReadings++;
                rejectedTrue += result.status() == EntityStatus.REJECTED ? 1 : 0;
                if (result.status() == EntityStatus.UPDATED && Double.isFinite(result.nis())) {
                    double[] s = nis.computeIfAbsent(reading.sensorId(), k -> new double[2]);
                    s[0] += result.nis();
                    s[1]++;
                }
                TargetState t = truth.get(reading.entityId());
                if (t != null && result.status() == EntityStatus.UPDATED && reading.time() - t.time() == 0) {
                    squaredError += Math.pow(result.x()[0] - t.x(), 2) + Math.pow(result.x()[2] - t.y(), 2);
                    errors++;
                }
            }
        }
        StringBuilder report = new StringBuilder();
        nis.forEach((sensor, s) -> report.append(sensor).append(": mean NIS ").append(s[0] / s[1]).append(" over ")
                .append((long) s[1]).append("; "));
        double rms = Math.sqrt(squaredError / Math.max(1, errors));
        report.append("position RMS error ").append(rms).append(" m over ").append(errors).append("; rejected true readings ")
                .append(rejectedTrue).append(" of ").append(trueReadings);
        System.out.println(report);
        nis.forEach((sensor, s) -> assertThat(s[0] / s[1]).as(report.toString()).isBetween(1.2, 3.0));
        assertThat(rms).as(report.toString()).isLessThan(6);
        assertThat(rejectedTrue).as(report.toString()).isLessThan(trueReadings / 100);
    }
}
