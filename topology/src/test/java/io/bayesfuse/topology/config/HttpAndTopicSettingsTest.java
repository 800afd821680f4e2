package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpAndTopicSettingsTest {

    @Test
    void theHttpServerListensOnLocalhostPort8080UnlessToldOtherwise() {
        BayesfuseConfig config = ConfigLoader.parse("application: {id: a}", "test");
        assertThat(config.http().hostOrDefault()).isEqualTo("localhost");
        assertThat(config.http().portOrDefault()).isEqualTo(8080);
        assertThat(config.http().advertisedHostOrDefault()).isEqualTo("localhost");
    }

    @Test
    void listeningOnEveryInterfaceAdvertisesTheMachinesHostNameUnlessToldOtherwise() throws Exception {
        assertThat(ConfigLoader.parse("http: {host: 0.0.0.0}", "test").http().advertisedHostOrDefault())
                .isEqualTo(java.net.InetAddress.getLocalHost().getHostName());
        assertThat(ConfigLoader.parse("http: {host: 0.0.0.0, advertisedHost: node-1}", "test").http().advertisedHostOrDefault())
                .isEqualTo("node-1");
        assertThat(ConfigLoader.parse("http: {host: 10.1.2.3}", "test").http().advertisedHostOrDefault())
                .isEqualTo("10.1.2.3");
    }

    @Test
    void badPortsAndTopicCountsAreNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                http: {port: 70000}
                application: {partitions: 0, replicationFactor: 0}
                """, "test"))
                .hasMessageContaining("http.port: is 70000")
                .hasMessageContaining("application.partitions: is 0, must be at least 1")
                .hasMessageContaining("application.replicationFactor: is 0, must be at least 1");
    }

    @Test
    void topicCountsAreRead() {
        ApplicationConfig application = ConfigLoader.parse("application: {partitions: 6, replicationFactor: 3}", "test")
                .application();
        assertThat(application.partitions()).isEqualTo(6);
        assertThat(application.replicationFactor()).isEqualTo((short) 3);
    }
}
