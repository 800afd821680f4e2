package io.bayesfuse.app.run;

import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.EnvironmentOverrides;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example deployment's configuration starts 'run' with the environment its container gets. */
class DeployConfigurationTest {

    private static final Path ROOT = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference")).getParent();

    @Test
    void theExampleConfigurationWithTheContainersEnvironmentMakesValidInstanceSettings() {
        Path file = ROOT.resolve("deploy/config/app.yaml");
        assertThat(file).exists();
        BayesfuseConfig config = EnvironmentOverrides.apply(ConfigLoader.load(file), Map.of(
                "BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092",
                "BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL", "http://schema-registry:8081",
                "BAYESFUSE_KAFKA_STATE_DIR", "/var/lib/bayesfuse/state",
                "BAYESFUSE_HTTP_HOST", "0.0.0.0",
                "BAYESFUSE_HTTP_PORT", "8080",
                "BAYESFUSE_HTTP_ADVERTISED_HOST", "bayesfuse-1"));
        Map<String, Object> settings = StreamsSettings.forInstance(config, 8080);
        assertThat(settings).containsEntry("application.server", "bayesfuse-1:8080")
                .containsEntry("state.dir", "/var/lib/bayesfuse/state")
                .containsEntry("bootstrap.servers", "kafka:19092");
        assertThat(TopicProvisioner.topics(config.application())).hasSize(9);   // with changepoints and smoothed
    }
}
