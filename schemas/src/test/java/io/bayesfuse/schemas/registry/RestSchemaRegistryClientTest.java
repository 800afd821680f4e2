package io.bayesfuse.schemas.registry;

import com.fasterxml.jackson.databind.node.TextNode;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestSchemaRegistryClientTest {

    private static final Schema POINT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    private static final Schema POINT_WITH_Y = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
                    + "{\"name\":\"y\",\"type\":\"int\",\"default\":0}]}");
    private static final Schema POINT_WITH_REQUIRED_Z = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
                    + "{\"name\":\"z\",\"type\":\"int\"}]}");

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static RestSchemaRegistryClient client(Map<String, Object> settings) {
        return new RestSchemaRegistryClient(RegistryClientConfig.from(settings));
    }

    private static RestSchemaRegistryClient client(String urls) {
        return client(Map.of(RegistryClientConfig.URL, urls));
    }

    @Test
    void registersEvolvesAndReadsBackEveryPartOfTheApi() {
        try (RestSchemaRegistryClient client = client(registry.url())) {
            int v1 = client.register("api-points-value", POINT);
            int v2 = client.register("api-points-value", POINT_WITH_Y);

            assertThat(client.schemaById(v1)).isEqualTo(POINT);
            assertThat(client.latest("api-points-value")).isEqualTo(new RegisteredSchema("api-points-value", 2, v2, POINT_WITH_Y));
            assertThat(client.version("api-points-value", "1").id()).isEqualTo(v1);
            assertThat(client.lookup("api-points-value", POINT).version()).isEqualTo(1);
            assertThat(client.versions("api-points-value")).containsExactly(1, 2);
            assertThat(client.subjects()).contains("api-points-value");
            assertThat(client.isCompatible("api-points-value", "latest", POINT_WITH_REQUIRED_Z)).isFalse();
            assertThat(client.isCompatible("api-points-value", "latest", POINT)).isTrue();
        }
    }

    @Test
    void setsAndClearsCompatibilityLevels() {
        try (RestSchemaRegistryClient client = client(registry.url())) {
            client.register("api-levels-value", POINT);
            assertThat(client.subjectCompatibility("api-levels-value")).isEmpty();

            assertThat(client.setSubjectCompatibility("api-levels-value", CompatibilityLevel.FORWARD))
                    .isEqualTo(CompatibilityLevel.FORWARD);
            assertThat(client.subjectCompatibility("api-levels-value")).contains(CompatibilityLevel.FORWARD);
            assertThat(client.register("api-levels-value", POINT_WITH_REQUIRED_Z)).isPositive();

            client.deleteSubjectCompatibility("api-levels-value");
            assertThat(client.subjectCompatibility("api-levels-value")).isEmpty();
            assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        }
    }

    @Test
    void deletesSoftlyThenPermanentlyWhileIdsKeepResolving() {
        try (RestSchemaRegistryClient client = client(registry.url())) {
            int id = client.register("api-deleted-value", POINT);
            assertThat(client.deleteSubject("api-deleted-value", false)).containsExactly(1);
            assertThat(client.subjects()).doesNotContain("api-deleted-value");
            assertThat(client.deleteSubject("api-deleted-value", true)).containsExactly(1);
            assertThat(client.schemaById(id)).isEqualTo(POINT);
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheConfluentCode409() {
        try (RestSchemaRegistryClient client = client(registry.url())) {
            client.register("api-refused-value", POINT);
            assertThatThrownBy(() -> client.register("api-refused-value", POINT_WITH_REQUIRED_Z))
                    .isInstanceOfSatisfying(RegistryRequestException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.is(RegistryErrorCode.INCOMPATIBLE_SCHEMA)).isTrue();
                        assertThat(e.getMessage()).contains("api-refused-value", "READER_FIELD_MISSING_DEFAULT_VALUE");
                    });
        }
    }

    @Test
    void readsASchemaWithReferencesResolvedAsAWholeSchema() throws Exception {
        String matrix = "{\"type\":\"record\",\"name\":\"Matrix\",\"namespace\":\"ref\","
                + "\"fields\":[{\"name\":\"values\",\"type\":{\"type\":\"array\",\"items\":\"double\"}}]}";
        String cell = "{\"type\":\"record\",\"name\":\"Cell\",\"namespace\":\"ref\","
                + "\"fields\":[{\"name\":\"m\",\"type\":\"ref.Matrix\"}]}";
        String reading = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"ref\","
                + "\"fields\":[{\"name\":\"cell\",\"type\":\"ref.Cell\"},{\"name\":\"spare\",\"type\":[\"null\",\"ref.Matrix\"]}]}";
        Schema whole = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"ref\","
                + "\"fields\":[{\"name\":\"cell\",\"type\":{\"type\":\"record\",\"name\":\"Cell\",\"fields\":"
                + "[{\"name\":\"m\",\"type\":" + matrix + "}]}},{\"name\":\"spare\",\"type\":[\"null\",\"ref.Matrix\"]}]}");
        postRaw("/subjects/ref.Matrix/versions", "{\"schema\":" + quoted(matrix) + "}");
        postRaw("/subjects/ref.Cell/versions", "{\"schema\":" + quoted(cell)
                + ",\"references\":[{\"name\":\"ref.Matrix\",\"subject\":\"ref.Matrix\",\"version\":1}]}");
        String answer = postRaw("/subjects/readings-value/versions", "{\"schema\":" + quoted(reading)
                + ",\"references\":[{\"name\":\"ref.Cell\",\"subject\":\"ref.Cell\",\"version\":1},"
                + "{\"name\":\"ref.Matrix\",\"subject\":\"ref.Matrix\",\"version\":1}]}");
        int id = Integer.parseInt(answer.replaceAll("\\D", ""));

        try (RestSchemaRegistryClient client = client(registry.url())) {
            assertThat(client.schemaById(id)).isEqualTo(whole);
            assertThat(client.latest("readings-value").schema()).isEqualTo(whole);
        }
    }

    private static String postRaw(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.url() + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String quoted(String text) {
        return new TextNode(text).toString();
    }

    @Test
    void anUnknownIdIsRegistryError40403() {
        try (RestSchemaRegistryClient client = client(registry.url())) {
            assertThatThrownBy(() -> client.schemaById(987654))
                    .isInstanceOfSatisfying(RegistryRequestException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(40403);
                        assertThat(e.httpStatus()).isEqualTo(404);
                        assertThat(e.getMessage()).contains("/schemas/ids/987654");
                    });
        }
    }

    @Test
    void failsOverToTheNextUrlWhenTheFirstCannotBeReachedAndStaysThere() throws Exception {
        try (RecordingProxy second = RecordingProxy.forwardingTo(registry.url());
             RestSchemaRegistryClient client = client(ClosedPort.url() + ", " + second.url())) {
            int id = client.register("failover-value", POINT);
            assertThat(client.schemaById(id)).isEqualTo(POINT);
            assertThat(client.latest("failover-value").id()).isEqualTo(id);

            assertThat(second.requests()).hasSize(3);
        }
    }

    @Test
    void whenNoUrlAnswersTheErrorNamesEveryUrlAndWhy() {
        String first = ClosedPort.url();
        String second = ClosedPort.url();
        try (RestSchemaRegistryClient client = client(first + "," + second)) {
            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOf(RegistryUnreachableException.class)
                    .hasMessageContaining("GET /schemas/ids/1")
                    .hasMessageContaining(first)
                    .hasMessageContaining(second)
                    .hasMessageContaining("ConnectException");
        }
    }

    @Test
    void sendsBasicAuthFromUserInfo() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.forwardingTo(registry.url());
             RestSchemaRegistryClient client = client(Map.of(RegistryClientConfig.URL, proxy.url(),
                     "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "fred:s3cret:x"))) {
            client.subjects();
            assertThat(proxy.requests().get(0).header("Authorization"))
                    .isEqualTo("Basic " + base64("fred:s3cret:x"));
        }
    }

    @Test
    void sendsBasicAuthFromTheUrlUserInfoWithoutPuttingItInTheRequestUrl() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.forwardingTo(registry.url())) {
            String url = proxy.url().replace("http://", "http://ann:pa%40ss@");
            try (RestSchemaRegistryClient client = client(url)) {
                client.subjects();
            }
            assertThat(proxy.requests().get(0).header("Authorization")).isEqualTo("Basic " + base64("ann:pa@ss"));
        }
    }

    @Test
    void sendsAStaticBearerTokenWithTheConfluentCloudHeaders() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.forwardingTo(registry.url());
             RestSchemaRegistryClient client = client(Map.of(RegistryClientConfig.URL, proxy.url(),
                     "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "tok-123",
                     "bearer.auth.logical.cluster", "lsrc-1", "bearer.auth.identity.pool.id", "pool-9"))) {
            client.subjects();
            RecordingProxy.Request request = proxy.requests().get(0);
            assertThat(request.header("Authorization")).isEqualTo("Bearer tok-123");
            assertThat(request.header("target-sr-cluster")).isEqualTo("lsrc-1");
            assertThat(request.header("Confluent-Identity-Pool-Id")).isEqualTo("pool-9");
        }
    }

    @Test
    void sendsTheConfluentContentTypeAndNoCredentialsByDefault() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.forwardingTo(registry.url());
             RestSchemaRegistryClient client = client(proxy.url())) {
            client.register("content-type-value", POINT);
            RecordingProxy.Request request = proxy.requests().get(0);
            assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(request.header("Authorization")).isNull();
        }
    }

    @Test
    void refusesBasicAndBearerCredentialsTogether() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(RegistryClientConfig.URL, "http://localhost:8081");
        settings.put("basic.auth.credentials.source", "USER_INFO");
        settings.put("basic.auth.user.info", "a:b");
        settings.put("bearer.auth.token", "t");
        assertThatThrownBy(() -> RegistryClientConfig.from(settings))
                .isInstanceOf(ConfigException.class).hasMessageContaining("choose one");
    }

    @Test
    void userInfoSourceWithoutUserInfoIsAConfigurationErrorNamingTheSetting() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of(RegistryClientConfig.URL, "http://localhost:8081",
                "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void aMissingOrMalformedUrlIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> RegistryClientConfig.of("localhost:8081"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'localhost:8081' is not an http:// or https:// URL");
    }

    @Test
    void keepsUrlsInOrderWithoutUserInfoOrTrailingSlash() {
        RegistryClientConfig config = RegistryClientConfig.of("http://u:p@a:1/, https://b:2");
        assertThat(config.urls()).extracting(Object::toString).isEqualTo(List.of("http://a:1", "https://b:2"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
