package io.bayesfuse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.it.env.EmbeddedBrokerUnderTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bayesfuse stack} in its own JVM, used the way users and other tools use it: its printed
 * addresses are parsed, Kafka clients connect to the broker, and an independent Confluent-API
 * client (plain HTTP and JSON, not this project's client) registers, evolves and reads schemas.
 * Stopping it with SIGTERM (status 143) or SIGINT (status 130) shuts it down cleanly.
 */
@EmbeddedBrokerUnderTest("`bayesfuse stack` is the embedded broker and registry for local use")
class StackCommandIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Track\",\"namespace\":\"demo\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"x\",\"type\":\"double\"}]}";
    private static final String V2_ADDS_DEFAULTED_FIELD = "{\"type\":\"record\",\"name\":\"Track\",\"namespace\":\"demo\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"x\",\"type\":\"double\"},"
            + "{\"name\":\"y\",\"type\":\"double\",\"default\":0.0}]}";
    private static final String V3_ADDS_REQUIRED_FIELD = "{\"type\":\"record\",\"name\":\"Track\",\"namespace\":\"demo\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"x\",\"type\":\"double\"},"
            + "{\"name\":\"z\",\"type\":\"double\"}]}";

    @TempDir
    Path work;

    private record Answer(int status, JsonNode body) { }

    private static Answer call(String registry, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    @Test
    void printsBothAddressesServesTheConfluentApiAndStopsCleanlyOnSigterm() throws Exception {
        try (StackProcess stack = StackProcess.start(work).awaitAddresses(START_TIMEOUT)) {
            assertThat(stack.bootstrapServers()).matches("localhost:\\d+");
            assertThat(stack.registryUrl()).matches("http://localhost:\\d+");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }

            String registry = stack.registryUrl();
            Answer v1 = call(registry, "POST", "/subjects/tracks-value/versions", schemaBody(V1));
            assertThat(v1.status()).isEqualTo(200);
            Answer v2 = call(registry, "POST", "/subjects/tracks-value/versions", schemaBody(V2_ADDS_DEFAULTED_FIELD));
            assertThat(v2.status()).isEqualTo(200);
            assertThat(v2.body().get("id").asInt()).isNotEqualTo(v1.body().get("id").asInt());

            Answer refused = call(registry, "POST", "/subjects/tracks-value/versions", schemaBody(V3_ADDS_REQUIRED_FIELD));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().get("error_code").asInt()).isEqualTo(409);

            Answer byId = call(registry, "GET", "/schemas/ids/" + v1.body().get("id").asInt(), null);
            assertThat(JSON.readTree(byId.body().get("schema").asText())).isEqualTo(JSON.readTree(V1));
            assertThat(call(registry, "GET", "/subjects/tracks-value/versions", null).body().toString()).isEqualTo("[1,2]");
            Answer latest = call(registry, "GET", "/subjects/tracks-value/versions/latest", null);
            assertThat(latest.body().get("version").asInt()).isEqualTo(2);
            assertThat(latest.body().get("id").asInt()).isEqualTo(v2.body().get("id").asInt());

            assertThat(call(registry, "PUT", "/config/tracks-value", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
            Answer check = call(registry, "POST", "/compatibility/subjects/tracks-value/versions/latest",
                    schemaBody(V3_ADDS_REQUIRED_FIELD));
            assertThat(check.body().get("is_compatible").asBoolean()).isTrue();
            assertThat(call(registry, "GET", "/schemas/ids/9999", null).body().get("error_code").asInt()).isEqualTo(40403);

            assertThat(stack.stopWith("TERM", STOP_TIMEOUT)).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(stack.errorOutput()).contains("bayesfuse stack: stopped cleanly").doesNotContain("Exception");
        }
    }

    @Test
    void withADataDirectoryTopicsAndSchemasSurviveARestartOnFixedPorts() throws Exception {
        Path data = work.resolve("data");
        int schemaId;
        String bootstrap;
        String registry;
        try (StackProcess stack = StackProcess.start(work, "--data-dir", data.toString()).awaitAddresses(START_TIMEOUT)) {
            schemaId = call(stack.registryUrl(), "POST", "/subjects/kept-value/versions", schemaBody(V1))
                    .body().get("id").asInt();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept-topic", 1, (short) 1))).all().get();
            }
            bootstrap = stack.bootstrapServers();
            registry = stack.registryUrl();
            assertThat(stack.stopWith("INT", STOP_TIMEOUT)).as("exit status after SIGINT").isEqualTo(130);
            assertThat(stack.errorOutput()).contains("bayesfuse stack: stopped cleanly");
        }
        String kafkaPort = bootstrap.substring(bootstrap.lastIndexOf(':') + 1);
        String registryPort = registry.substring(registry.lastIndexOf(':') + 1);
        try (StackProcess stack = StackProcess.start(work, "--data-dir", data.toString(),
                "--kafka-port", kafkaPort, "--registry-port", registryPort).awaitAddresses(START_TIMEOUT)) {
            assertThat(stack.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(stack.registryUrl()).isEqualTo(registry);
            Answer kept = call(registry, "GET", "/subjects/kept-value/versions/latest", null);
            assertThat(kept.body().get("id").asInt()).isEqualTo(schemaId);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains("kept-topic");
            }
            assertThat(stack.stopWith("TERM", STOP_TIMEOUT)).isEqualTo(143);
        }
    }
}
