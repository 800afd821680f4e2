package io.bayesfuse.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's REST API as any Confluent client sees it: plain HTTP and JSON. */
class SchemaRegistryServerTest {

    private static final String POINT = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
    private static final String POINT_SPACED = "{ \"type\" : \"record\", \"name\" : \"Point\",\n"
            + "  \"fields\" : [ { \"name\" : \"x\", \"type\" : \"int\" } ] }";
    private static final String POINT_WITH_Y = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
            + "{\"name\":\"y\",\"type\":\"int\",\"default\":0}]}";
    private static final String POINT_WITH_REQUIRED_Z = "{\"type\":\"record\",\"name\":\"Point\",\"fields\":["
            + "{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"z\",\"type\":\"int\"}]}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static SchemaRegistryServer registry;

    private record Answer(int status, String contentType, JsonNode body) { }

    @BeforeAll
    static void start() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static Answer call(String method, String path, String body) throws Exception {
        return call(method, path, body, "application/vnd.schemaregistry.v1+json");
    }

    private static Answer call(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }

    private static String schemaBody(String schema) throws Exception {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static int register(String subject, String schema) throws Exception {
        Answer answer = call("POST", "/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(answer.status()).as("register under %s: %s", subject, answer.body()).isEqualTo(200);
        return answer.body().get("id").asInt();
    }

    private static void assertError(Answer answer, int status, int code, String messagePart) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(code);
        assertThat(answer.body().get("message").asText()).contains(messagePart);
    }

    @Test
    void theSameSchemaGetsTheSameIdInEverySubjectWhateverItsWhitespace() throws Exception {
        int first = register("same-id-a", POINT);
        assertThat(register("same-id-b", POINT_SPACED)).isEqualTo(first);
        assertThat(register("same-id-a", POINT_SPACED)).isEqualTo(first);
        assertThat(call("GET", "/subjects/same-id-a/versions", null).body().toString()).isEqualTo("[1]");
    }

    @Test
    void aDifferentSchemaGetsTheNextIdAndTheNextVersion() throws Exception {
        int v1 = register("next-id", POINT);
        int v2 = register("next-id", POINT_WITH_Y);
        assertThat(v2).isGreaterThan(v1);
        JsonNode latest = call("GET", "/subjects/next-id/versions/latest", null).body();
        assertThat(latest.get("subject").asText()).isEqualTo("next-id");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(v2);
        assertThat(JSON.readTree(latest.get("schema").asText())).isEqualTo(JSON.readTree(POINT_WITH_Y));
    }

    @Test
    void answersInTheRegistryMediaTypeAndAcceptsPlainJsonRequests() throws Exception {
        Answer answer = call("POST", "/subjects/plain-json/versions", schemaBody(POINT), "application/json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        assertError(call("POST", "/subjects/x/versions", "{not json", "application/json"), 400, 400, "not JSON");
        assertError(call("POST", "/subjects/x/versions", schemaBody(POINT), "text/plain"), 415, 415, "text/plain");
    }

    @Test
    void readsASchemaById() throws Exception {
        int id = register("by-id", POINT);
        Answer answer = call("GET", "/schemas/ids/" + id, null);
        assertThat(JSON.readTree(answer.body().get("schema").asText())).isEqualTo(JSON.readTree(POINT));
        assertThat(call("GET", "/schemas/ids/" + id + "/versions", null).body().toString())
                .contains("{\"subject\":\"by-id\",\"version\":1}");
    }

    @Test
    void looksUpTheVersionHoldingASchema() throws Exception {
        register("lookup", POINT);
        register("lookup", POINT_WITH_Y);
        Answer found = call("POST", "/subjects/lookup", schemaBody(POINT_SPACED));
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertError(call("POST", "/subjects/lookup", schemaBody(POINT_WITH_REQUIRED_Z)), 404, 40403, "Schema not found");
        assertError(call("POST", "/subjects/never-registered", schemaBody(POINT)), 404, 40401, "never-registered");
    }

    @Test
    void answersTheConfluentErrorCodesForWhatIsNotThere() throws Exception {
        register("errors", POINT);
        assertError(call("GET", "/schemas/ids/424242", null), 404, 40403, "424242");
        assertError(call("GET", "/subjects/no-such-subject/versions", null), 404, 40401, "no-such-subject");
        assertError(call("GET", "/subjects/no-such-subject/versions/1", null), 404, 40401, "no-such-subject");
        assertError(call("GET", "/subjects/errors/versions/7", null), 404, 40402, "Version 7");
        assertError(call("GET", "/subjects/errors/versions/seven", null), 422, 42202, "'seven'");
        assertError(call("GET", "/subjects/errors/versions/0", null), 422, 42202, "'0'");
        assertError(call("GET", "/nowhere", null), 404, 404, "/nowhere");
        assertError(call("PATCH", "/subjects", null), 405, 405, "PATCH");
    }

    @Test
    void refusesAnInvalidSchemaWith42201() throws Exception {
        assertError(call("POST", "/subjects/invalid/versions", schemaBody("{\"type\":\"record\",\"name\":\"R\"}")),
                422, 42201, "Invalid schema");
        assertError(call("POST", "/subjects/invalid/versions", "{\"schema\":\"" + "{\\\"type\\\":\\\"strin\\\"}" + "\"}"),
                422, 42201, "MUST be a primitive type");
        assertError(call("POST", "/subjects/invalid/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"x\"}"),
                422, 42201, "PROTOBUF");
        assertError(call("POST", "/subjects/invalid/versions", "{}"), 422, 42201, "'schema'");
    }

    @Test
    void refusesAnIncompatibleSchemaWith409AndExplainsWhy() throws Exception {
        register("incompatible", POINT);
        assertError(call("POST", "/subjects/incompatible/versions", schemaBody(POINT_WITH_REQUIRED_Z)),
                409, 409, "READER_FIELD_MISSING_DEFAULT_VALUE");
        Answer check = call("POST", "/compatibility/subjects/incompatible/versions/latest?verbose=true",
                schemaBody(POINT_WITH_REQUIRED_Z));
        assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(check.body().get("messages").toString())
                .contains("version 1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1 (z)");
        assertThat(call("POST", "/compatibility/subjects/incompatible/versions/1", schemaBody(POINT_WITH_Y))
                .body().get("is_compatible").asBoolean()).isTrue();
        assertError(call("POST", "/compatibility/subjects/incompatible/versions/9", schemaBody(POINT)), 404, 40402, "9");
    }

    @Test
    void compatibilityIsBackwardByDefaultAndSetGloballyOrPerSubject() throws Exception {
        assertThat(call("GET", "/config", null).body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertError(call("GET", "/config/levels", null), 404, 40408, "levels");
        assertThat(call("GET", "/config/levels?defaultToGlobal=true", null).body().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        Answer set = call("PUT", "/config/levels", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        assertThat(set.body().get("compatibility").asText()).isEqualTo("FORWARD_TRANSITIVE");
        assertThat(call("GET", "/config/levels", null).body().get("compatibilityLevel").asText())
                .isEqualTo("FORWARD_TRANSITIVE");
        register("levels", POINT);
        register("levels", POINT_WITH_REQUIRED_Z);

        assertError(call("PUT", "/config/levels", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203, "SIDEWAYS");
        assertThat(call("DELETE", "/config/levels", null).body().get("compatibilityLevel").asText())
                .isEqualTo("FORWARD_TRANSITIVE");
        assertError(call("GET", "/config/levels", null), 404, 40408, "levels");
    }

    @Test
    void deletesVersionsSoftlyThenPermanentlyAndNeverReusesTheirNumbers() throws Exception {
        int id = register("deleting", POINT);
        register("deleting", POINT_WITH_Y);
        assertError(call("DELETE", "/subjects/deleting/versions/1?permanent=true", null), 404, 40407, "not deleted first");
        assertThat(call("DELETE", "/subjects/deleting/versions/1", null).body().asInt()).isEqualTo(1);
        assertError(call("DELETE", "/subjects/deleting/versions/1", null), 404, 40406, "soft deleted");
        assertThat(call("GET", "/subjects/deleting/versions", null).body().toString()).isEqualTo("[2]");
        assertThat(call("GET", "/subjects/deleting/versions?deleted=true", null).body().toString()).isEqualTo("[1,2]");
        assertThat(call("DELETE", "/subjects/deleting/versions/1?permanent=true", null).body().asInt()).isEqualTo(1);
        assertThat(call("GET", "/subjects/deleting/versions?deleted=true", null).body().toString()).isEqualTo("[2]");

        assertThat(call("DELETE", "/subjects/deleting", null).body().toString()).isEqualTo("[2]");
        assertError(call("DELETE", "/subjects/deleting", null), 404, 40404, "soft deleted");
        assertThat(call("GET", "/subjects", null).body().toString()).doesNotContain("\"deleting\"");
        assertThat(call("DELETE", "/subjects/deleting?permanent=true", null).body().toString()).isEqualTo("[2]");

        assertThat(register("deleting", POINT)).isEqualTo(id);
        assertThat(call("GET", "/subjects/deleting/versions", null).body().toString()).isEqualTo("[3]");
    }

    @Test
    void subjectsMayHoldAnyCharacterWhenPercentEncoded() throws Exception {
        register("odd%2Fname%20with+plus", POINT);
        assertThat(call("GET", "/subjects", null).body().toString()).contains("\"odd/name with+plus\"");
        assertThat(call("GET", "/subjects/odd%2Fname%20with+plus/versions/latest", null).body().get("subject").asText())
                .isEqualTo("odd/name with+plus");
    }

    @Test
    void answersTheSmallEndpointsClientsProbe() throws Exception {
        assertThat(call("GET", "/", null).status()).isEqualTo(200);
        assertThat(call("GET", "/schemas/types", null).body().toString()).isEqualTo("[\"AVRO\"]");
        assertThat(call("GET", "/mode", null).body().get("mode").asText()).isEqualTo("READWRITE");
    }
}
