package io.bayesfuse.kernels.simulation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SurveillanceRadarTest {

    private static List<SimulationEvent> run(Scenario scenario, SurveillanceRadar radar) {
        Simulation simulation = new Simulation(scenario, radar);
        List<SimulationEvent> events = new ArrayList<>();
        while (simulation.hasNext()) {
            events.add(simulation.next());
        }
        return events;
    }

    /** A reading or a truth with every number, null for other events. */
    private static String describe(SimulationEvent e) {
        if (e instanceof SimulationEvent.Reading r) {
            return r.reading().entityId() + " " + r.reading().sensorId() + " " + r.reading().time() + " "
                    + java.util.Arrays.toString(r.reading().z()) + " " + r.deliveryTime() + " " + r.truth();
        }
        return e instanceof SimulationEvent.Truth t ? t.toString() : null;
    }

    @Test
    void eachScanHoldsEveryTargetItDetectedAndClutterWithTheTruthOfAllTargets() {
        Scenario scenario = Scenario.standard(6, 7).withDuration(300_000);
        SurveillanceRadar radar = SurveillanceRadar.standard();
        List<SimulationEvent.Scan> scans = run(scenario, radar).stream()
                .filter(e -> e instanceof SimulationEvent.Scan).map(e -> (SimulationEvent.Scan) e).toList();
        assertThat(scans).hasSize(299);
        double detected = 0;
        double clutter = 0;
        for (SimulationEvent.Scan scan : scans) {
            assertThat(scan.region()).isEqualTo("arena");
            assertThat(scan.truth()).hasSize(6);
            int near = 0;
            for (double[] z : scan.detections()) {
                boolean ofATarget = scan.truth().values().stream().anyMatch(t -> Math.hypot(z[0] - t.x(), z[1] - t.y()) < 25);
                near += ofATarget ? 1 : 0;
                assertThat(Math.abs(z[0])).isLessThanOrEqualTo(1200 + 50);
            }
            detected += near;
            clutter += scan.detections().size() - near;
        }
        assertThat(detected / (scans.size() * 6)).isCloseTo(0.9, within(0.03));
        assertThat(clutter / scans.size()).isCloseTo(10, within(0.6));
        assertThat(radar.clutterDensity()).isCloseTo(10 / (2400.0 * 2400.0), within(1e-12));
    }

    @Test
    void aSurveillanceRadarLeavesTheTargetsAndTheOtherSensorsReadingsAsTheyWere() {
        Scenario scenario = Scenario.standard(4, 3).withDuration(60_000);
        List<String> without = run(scenario, null).stream().map(SurveillanceRadarTest::describe).filter(d -> d != null).toList();
        List<String> with = run(scenario, SurveillanceRadar.standard()).stream().map(SurveillanceRadarTest::describe)
                .filter(d -> d != null).toList();
        assertThat(without).hasSizeGreaterThan(1000);
        assertThat(with).isEqualTo(without);
    }
}
