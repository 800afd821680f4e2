package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentOverridesTest {

    private static final BayesfuseConfig FILE = ConfigLoader.parse("""
            kafka: {bootstrap.servers: "file:9092", security.protocol: PLAINTEXT}
            schemaRegistry: {schema.registry.url: "http://file:8081"}
            http: {port: 9000}
            """, "test");

    @Test
    void kafkaSettingsAreNamedWithDotsForSingleUnderscores() {
        BayesfuseConfig config = EnvironmentOverrides.apply(FILE, Map.of(
                "BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS", "env:9093",
                "BAYESFUSE_KAFKA_SASL_JAAS_CONFIG", "secret",
                "PATH", "/usr/bin"));
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "env:9093")
                .containsEntry("sasl.jaas.config", "secret")
                .containsEntry("security.protocol", "PLAINTEXT")
                .hasSize(3);
    }

    @Test
    void doubleUnderscoresAreUnderscoresAndTripleOnesAreHyphens() {
        assertThat(EnvironmentOverrides.settingName("BAYESFUSE_KAFKA_MY__SETTING_X", "BAYESFUSE_KAFKA_", new Problems()))
                .contains("my_setting.x");
        assertThat(EnvironmentOverrides.settingName("BAYESFUSE_KAFKA_CLIENT___ID", "BAYESFUSE_KAFKA_", new Problems()))
                .contains("client-id");
    }

    @Test
    void registrySettingsHaveTheirOwnPrefix() {
        BayesfuseConfig config = EnvironmentOverrides.apply(FILE, Map.of(
                "BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL", "http://env:8081",
                "BAYESFUSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:pw"));
        assertThat(config.schemaRegistry()).containsEntry("schema.registry.url", "http://env:8081")
                .containsEntry("basic.auth.user.info", "user:pw");
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "file:9092");
    }

    @Test
    void httpSettingsOverrideTheFile() {
        BayesfuseConfig config = EnvironmentOverrides.apply(FILE, Map.of(
                "BAYESFUSE_HTTP_HOST", "0.0.0.0", "BAYESFUSE_HTTP_ADVERTISED_HOST", "pod-2.bayesfuse", "BAYESFUSE_HTTP_PORT", "8181"));
        assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8181, "pod-2.bayesfuse"));
    }

    @Test
    void otherBayesfuseVariablesAreNotConfiguration() {
        assertThat(EnvironmentOverrides.apply(FILE, Map.of("BAYESFUSE_JAVA_OPTS", "-Xmx1g"))).isEqualTo(FILE);
    }

    @Test
    void malformedVariablesAreNamedInTheError() {
        assertThatThrownBy(() -> EnvironmentOverrides.apply(FILE, Map.of("BAYESFUSE_KAFKA_bootstrap", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable BAYESFUSE_KAFKA_bootstrap: is not a setting name");
        assertThatThrownBy(() -> EnvironmentOverrides.apply(FILE, Map.of("BAYESFUSE_HTTP_PORT", "eighty")))
                .hasMessageContaining("environment variable BAYESFUSE_HTTP_PORT: is 'eighty', not a port number");
        assertThatThrownBy(() -> EnvironmentOverrides.apply(FILE, Map.of("BAYESFUSE_HTTP_BIND", "x")))
                .hasMessageContaining("BAYESFUSE_HTTP_BIND: is not a known setting");
    }

    @Test
    void theResultIsValidatedAgain() {
        assertThatThrownBy(() -> EnvironmentOverrides.apply(FILE, Map.of("BAYESFUSE_HTTP_PORT", "70000")))
                .hasMessageContaining("http.port: is 70000");
    }

    @Test
    void overridesAreListedByVariableAndSetting() {
        assertThat(EnvironmentOverrides.overrides(Map.of("BAYESFUSE_KAFKA_SASL_JAAS_CONFIG", "s", "HOME", "/root",
                "BAYESFUSE_HTTP_PORT", "1")))
                .containsExactly(new EnvironmentOverrides.Override("BAYESFUSE_HTTP_PORT", "http.port"),
                        new EnvironmentOverrides.Override("BAYESFUSE_KAFKA_SASL_JAAS_CONFIG", "kafka.sasl.jaas.config"));
    }
}
