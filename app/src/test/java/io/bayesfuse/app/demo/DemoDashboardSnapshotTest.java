package io.bayesfuse.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.dashboard.Dashboard;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page's starting point names every configured sensor, and marks the tracking stage's
 * surveillance radar, whose detections carry no entity id, so that the page draws no NIS chart
 * that could never fill.
 */
class DemoDashboardSnapshotTest {

    private static final BayesfuseConfig DEMO = ConfigLoader.parse(DemoCommand.configText(), "demo.yaml");

    @Test
    void theTrackingStagesSensorIsMarkedAndTheEntityFiltersSensorsAreNot() {
        Map<String, JsonNode> sensors = new HashMap<>();
        try (Dashboard dashboard = new Dashboard(DEMO, Map.of("bootstrap.servers", "localhost:1"),
                Map.of("schema.registry.url", "http://localhost:1"), "demo")) {
            dashboard.snapshot().get("sensors").forEach(s -> sensors.put(s.get("id").asText(), s));
        }
        assertThat(sensors.keySet()).containsExactlyInAnyOrderElementsOf(DEMO.sensors().keySet());
        assertThat(sensors.get("surveillance").path("tracking").asBoolean()).isTrue();
        sensors.forEach((id, s) -> {
            if (!id.equals("surveillance")) {
                assertThat(s.has("tracking")).as(id).isFalse();
            }
        });
    }
}
