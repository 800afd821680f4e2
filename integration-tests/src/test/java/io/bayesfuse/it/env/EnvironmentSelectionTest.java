package io.bayesfuse.it.env;

import org.junit.jupiter.api.Test;

import java.util.Map;

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

    /*
     * The docker environment itself runs in the docker-mode suite (docs/deployment.md); the default run
     * never touches a Docker engine, whether or not one runs on the machine.
     */
    @Test
    void aDockerHostSocketThatIsNotThereFailsTheDockerEnvironmentLoudly() {
        assertThatThrownBy(() -> DockerEngine.require(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bayesfuse.it.environment=docker was requested but no Docker engine answers at"
                        + " DOCKER_HOST=unix:///nonexistent/docker.sock")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aDockerHostPortWhereNothingListensFailsTheDockerEnvironmentLoudly() {
        assertThatThrownBy(() -> DockerEngine.require(Map.of("DOCKER_HOST", "tcp://localhost:1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine answers at DOCKER_HOST=tcp://localhost:1");
    }

    @Test
    void aDockerHostOfAnUnknownKindIsRefused() {
        assertThatThrownBy(() -> DockerEngine.require(Map.of("DOCKER_HOST", "ssh://somewhere")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DOCKER_HOST=ssh://somewhere").hasMessageContaining("not one of unix, tcp");
    }
}
