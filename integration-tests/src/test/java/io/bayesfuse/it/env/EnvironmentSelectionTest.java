package io.bayesfuse.it.env;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An environment that is asked for and not available fails the run with the reason; nothing is skipped. */
class EnvironmentSelectionTest {

    @Test
    void anUnknownEnvironmentIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> TestEnvironments.start("kubernetes"))
                .hasMessageContaining("bayesfuse.it.environment=kubernetes").hasMessageContaining("embedded");
    }

    @Test
    void theExternalEnvironmentNeedsItsAddresses() {
        System.clearProperty(ExternalEnvironment.BOOTSTRAP);
        assertThatThrownBy(() -> TestEnvironments.start("external"))
                .hasMessageContaining("-D" + ExternalEnvironment.BOOTSTRAP);
    }

    @Test
    void theExternalEnvironmentChecksThatTheClusterAnswers() {
        System.setProperty(ExternalEnvironment.BOOTSTRAP, "localhost:1");
        System.setProperty(ExternalEnvironment.REGISTRY, "http://localhost:1");
        try {
            assertThatThrownBy(() -> TestEnvironments.start("external"))
                    .hasMessageContaining("no Kafka cluster answers at " + ExternalEnvironment.BOOTSTRAP + "=localhost:1");
        } finally {
            System.clearProperty(ExternalEnvironment.BOOTSTRAP);
            System.clearProperty(ExternalEnvironment.REGISTRY);
        }
    }

    @Test
    void theDockerEnvironmentStartsWhereAnEngineRunsAndFailsLoudlyWhereNone() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            try (TestEnvironment docker = TestEnvironments.start("docker")) {
                assertThat(docker.bootstrapServers()).isNotBlank();
                assertThat(docker.registryUrl()).startsWith("http://");
            }
        } else {
            assertThatThrownBy(() -> TestEnvironments.start("docker"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bayesfuse.it.environment=docker was requested but no Docker engine is reachable");
        }
    }
}
