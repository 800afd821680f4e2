package io.bayesfuse.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bayesfuse.kernels.simulation.Scenario;
import io.bayesfuse.kernels.simulation.SensorSpec;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.EnvironmentOverrides;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example deployments in {@code deploy/} (docker compose, Kubernetes, Grafana) start 'run' with
 * the configuration and environment they give it, create every topic the application needs, and
 * agree with each other: read with the application's own parser, so a configuration change that
 * breaks them fails here rather than in somebody's cluster.
 */
class DeployConfigurationTest {

    private static final Path ROOT = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference")).getParent();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleConfigurationWithTheContainersEnvironmentMakesValidInstanceSettings() {
        Path file = DEPLOY.resolve("config/app.yaml");
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
        assertThat(TopicProvisioner.topics(config.application())).isNotEmpty();
    }

    @Test
    void theExampleConfigurationKnowsEverySensorTheSimulatorProduces() {
        BayesfuseConfig config = ConfigLoader.load(DEPLOY.resolve("config/app.yaml"));
        // deploy/smoke feeds the compose deployment with `bayesfuse simulate`
        assertThat(config.sensors().keySet()).containsExactlyInAnyOrderElementsOf(
                Scenario.standard(1, 1).sensors().stream().map(SensorSpec::id).toList());
    }

    @Test
    void theStatefulSetRunsAsTheImagesNumericUser() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("images/app/Dockerfile"));
        String user = argument(dockerfile, "UID");
        String group = argument(dockerfile, "GID");
        assertThat(dockerfile).contains("USER ${UID}:${GID}");
        JsonNode pod = YAML.readTree(DEPLOY.resolve("kubernetes/statefulset.yaml").toFile()).at("/spec/template/spec/securityContext");
        assertThat(pod.get("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.get("runAsUser").asText()).as("runAsUser").isEqualTo(user).isNotEqualTo("0");
        assertThat(pod.get("runAsGroup").asText()).as("runAsGroup").isEqualTo(group);
        assertThat(pod.get("fsGroup").asText()).as("fsGroup: the state volume writable for the image's group").isEqualTo(group);
    }

    private static String argument(String dockerfile, String name) {
        return dockerfile.lines().filter(l -> l.startsWith("ARG " + name + "=")).map(l -> l.substring(("ARG " + name + "=").length()))
                .findFirst().orElseThrow(() -> new AssertionError("deploy/images/app/Dockerfile has no ARG " + name + "=..."));
    }

    @Test
    void everyComposeInstanceStartsWithItsOwnAdvertisedAddress() throws IOException {
        // SnakeYAML resolves the anchors and merge keys (<<) the file uses; Jackson's YAML reader does not
        JsonNode services = JSON.valueToTree(new org.yaml.snakeyaml.Yaml()
                .<Map<String, Object>>load(Files.readString(DEPLOY.resolve("docker-compose.yml")))).get("services");
        BayesfuseConfig file = ConfigLoader.load(DEPLOY.resolve("config/app.yaml"));
        List<String> advertised = new ArrayList<>();
        for (String name : List.of("bayesfuse-1", "bayesfuse-2")) {
            JsonNode service = services.get(name);
            assertThat(service).as("compose service " + name).isNotNull();
            Map<String, String> environment = new HashMap<>();
            // the second instance inherits the first's environment through a YAML merge key
            service.get("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
            List<EnvironmentOverrides.Override> overrides = EnvironmentOverrides.overrides(environment);
            assertThat(overrides).as(name + ": every variable is a setting").hasSize(environment.size());
            BayesfuseConfig config = EnvironmentOverrides.apply(file, environment);
            Map<String, Object> settings = StreamsSettings.forInstance(config, 8080);
            assertThat(settings).containsEntry("bootstrap.servers", "kafka:19092");
            advertised.add((String) settings.get("application.server"));
        }
        assertThat(advertised).containsExactly("bayesfuse-1:8080", "bayesfuse-2:8080");
        assertThat(YAML.readTree(DEPLOY.resolve("prometheus/prometheus.yml").toFile())
                .at("/scrape_configs/0/static_configs/0/targets").toString())
                .as("prometheus scrapes both instances").contains("bayesfuse-1:8080").contains("bayesfuse-2:8080");
    }

    @Test
    void theKubernetesConfigMapHoldsTheExampleConfigurationWithReplicatedTopics() throws IOException {
        JsonNode configMap = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
        BayesfuseConfig cluster = ConfigLoader.parse(configMap.at("/data/app.yaml").asText(), "configmap.yaml");
        BayesfuseConfig compose = ConfigLoader.load(DEPLOY.resolve("config/app.yaml"));
        assertThat(cluster.application().replicationFactor()).isEqualTo((short) 3);
        assertThat(compose.application().replicationFactor()).isEqualTo((short) 1);
        // apart from the replication factor, the two deployments run the same configuration
        JsonNode clusterTree = YAML.readTree(configMap.at("/data/app.yaml").asText());
        JsonNode composeTree = YAML.readTree(DEPLOY.resolve("config/app.yaml").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) clusterTree.get("application")).remove("replicationFactor");
        ((com.fasterxml.jackson.databind.node.ObjectNode) composeTree.get("application")).remove("replicationFactor");
        assertThat(clusterTree).isEqualTo(composeTree);
    }

    @Test
    void theStatefulSetsEnvironmentIsUnderstoodAndAdvertisesEachPod() throws IOException {
        JsonNode container = YAML.readTree(DEPLOY.resolve("kubernetes/statefulset.yaml").toFile())
                .at("/spec/template/spec/containers/0");
        Map<String, String> environment = new HashMap<>();
        for (JsonNode variable : container.get("env")) {
            if (variable.has("value")) {
                String value = variable.get("value").asText()
                        .replace("$(POD_NAME)", "bayesfuse-2").replace("$(POD_NAMESPACE)", "streaming");
                environment.put(variable.get("name").asText(), value);
            }
        }
        List<EnvironmentOverrides.Override> overrides = EnvironmentOverrides.overrides(environment);
        assertThat(overrides).as("every BAYESFUSE_ variable names a setting").hasSize(
                (int) environment.keySet().stream().filter(v -> v.startsWith("BAYESFUSE_")).count());
        JsonNode configMap = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
        BayesfuseConfig config = EnvironmentOverrides.apply(
                ConfigLoader.parse(configMap.at("/data/app.yaml").asText(), "configmap.yaml"), environment);
        Map<String, Object> settings = StreamsSettings.forInstance(config, 8080);
        assertThat(settings).containsEntry("application.server", "bayesfuse-2.bayesfuse-headless.streaming.svc:8080")
                .containsEntry("state.dir", "/var/lib/bayesfuse/state");
        assertThat(container.at("/args").toString()).contains("/etc/bayesfuse/app.yaml");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    }

    @Test
    void theStrimziTopicsAreEveryTopicTheApplicationNeeds() throws IOException {
        JsonNode configMap = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
        BayesfuseConfig config = ConfigLoader.parse(configMap.at("/data/app.yaml").asText(), "configmap.yaml");
        Map<String, JsonNode> declared = new HashMap<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(DEPLOY.resolve("kubernetes/topics.yaml").toFile())) {
            while (documents.hasNext()) {
                JsonNode topic = documents.next();
                if (topic != null && !topic.isEmpty()) {
                    declared.put(topic.at("/spec/topicName").asText(), topic.get("spec"));
                }
            }
        }
        List<NewTopic> needed = TopicProvisioner.topics(config.application());
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(needed.stream().map(NewTopic::name).toList());
        for (NewTopic topic : needed) {
            JsonNode spec = declared.get(topic.name());
            assertThat(spec.get("replicas").asInt()).as(topic.name() + " replicas").isEqualTo(3);
            if (topic.configs() != null && TopicConfig.CLEANUP_POLICY_COMPACT.equals(topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG))) {
                assertThat(spec.get("partitions").asInt()).as(topic.name() + ": one partition").isEqualTo(1);
                assertThat(spec.at("/config/cleanup.policy").asText()).as(topic.name()).isEqualTo("compact");
            } else if (!topic.name().endsWith("dead-letters")) {
                assertThat(spec.get("partitions").asInt()).as(topic.name() + " partitions")
                        .isEqualTo(config.application().partitions());
            }
        }
    }

    @Test
    void theGrafanaDashboardIsProvisionedAndEveryPanelQueriesPrometheus() throws IOException {
        Path dashboardFile = DEPLOY.resolve("grafana/dashboards/bayesfuse.json");
        JsonNode dashboard = JSON.readTree(dashboardFile.toFile());
        String datasourceUid = YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
                .at("/datasources/0/uid").asText();
        String providerPath = YAML.readTree(DEPLOY.resolve("grafana/provisioning/dashboards/bayesfuse.yml").toFile())
                .at("/providers/0/options/path").asText();
        String compose = Files.readString(DEPLOY.resolve("docker-compose.yml"));
        assertThat(compose).as("compose mounts the dashboards where the provider looks")
                .contains("./grafana/dashboards:" + providerPath);
        assertThat(dashboard.get("uid").asText()).isNotBlank();
        assertThat(dashboard.get("panels")).hasSizeGreaterThan(10);
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo(datasourceUid);
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                assertThat(count(expr, '(')).as(expr).isEqualTo(count(expr, ')'));
                assertThat(count(expr, '{')).as(expr).isEqualTo(count(expr, '}'));
            }
        }
        // that every metric it queries exists is checked against a running instance (EndToEndIT)
        assertThat(Files.readString(dashboardFile)).contains("bayesfuse_filter_estimates_total",
                "bayesfuse_filter_nis_sum", "bayesfuse_dead_letters_total", "kafka_consumer_fetch_manager_records_lag_max");
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }
}
