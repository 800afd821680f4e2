package io.bayesfuse.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema references through the registry's REST API, as Confluent's clients use them: a schema
 * names types it does not define, and its references say which version of which subject defines
 * them.
 */
class SchemaReferencesTest {

    private static final String MATRIX = "{\"type\":\"record\",\"name\":\"Matrix\",\"namespace\":\"geo\","
            + "\"fields\":[{\"name\":\"values\",\"type\":{\"type\":\"array\",\"items\":\"double\"}}]}";
    private static final String COVARIANCE = "{\"type\":\"record\",\"name\":\"Covariance\",\"namespace\":\"geo\","
            + "\"fields\":[{\"name\":\"matrix\",\"type\":\"geo.Matrix\"}]}";
    private static final String FIX = "{\"type\":\"record\",\"name\":\"Fix\",\"namespace\":\"geo\","
            + "\"fields\":[{\"name\":\"x\",\"type\":\"double\"},{\"name\":\"R\",\"type\":[\"null\",\"geo.Covariance\"]}]}";
    private static final String FIX_WITH_REQUIRED_Y = "{\"type\":\"record\",\"name\":\"Fix\",\"namespace\":\"geo\","
            + "\"fields\":[{\"name\":\"x\",\"type\":\"double\"},{\"name\":\"R\",\"type\":[\"null\",\"geo.Covariance\"]},"
            + "{\"name\":\"y\",\"type\":\"double\"}]}";
    private static final String FIX_WITH_DEFAULTED_Y = "{\"type\":\"record\",\"name\":\"Fix\",\"namespace\":\"geo\","
            + "\"fields\":[{\"name\":\"x\",\"type\":\"double\"},{\"name\":\"R\",\"type\":[\"null\",\"geo.Covariance\"]},"
            + "{\"name\":\"y\",\"type\":\"double\",\"default\":0.0}]}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SchemaRegistryServer registry;

    private record Answer(int status, JsonNode body) { }

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Answer call(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** {@code {"schema": ..., "references": [{"name", "subject", "version"}, ...]}}; references as name, subject, version triples. */
    private static ObjectNode body(String schema, Object... references) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema);
        if (references.length > 0) {
            ArrayNode array = body.putArray("references");
            for (int i = 0; i < references.length; i += 3) {
                array.addObject().put("name", (String) references[i]).put("subject", (String) references[i + 1])
                        .put("version", (Integer) references[i + 2]);
            }
        }
        return body;
    }

    private int register(String subject, ObjectNode body) throws Exception {
        Answer answer = call("POST", "/subjects/" + subject + "/versions", body);
        assertThat(answer.status()).as("register under %s: %s", subject, answer.body()).isEqualTo(200);
        return answer.body().get("id").asInt();
    }

    /** Matrix, then Covariance referencing it, then Fix referencing Covariance: returns Fix's id. */
    private int registerTheChain() throws Exception {
        register("geo.Matrix", body(MATRIX));
        register("geo.Covariance", body(COVARIANCE, "geo.Matrix", "geo.Matrix", 1));
        return register("fixes-value", body(FIX, "geo.Covariance", "geo.Covariance", 1));
    }

    private static void assertError(Answer answer, int status, int code, String messagePart) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(code);
        assertThat(answer.body().get("message").asText()).contains(messagePart);
    }

    @Test
    void registersASchemaWhoseTypesAreDefinedInReferencedSubjects() throws Exception {
        int id = registerTheChain();

        Answer byId = call("GET", "/schemas/ids/" + id, null);
        assertThat(byId.body().get("schema").asText()).as("the referenced type is named, not repeated")
                .contains("\"Covariance\"").doesNotContain("\"matrix\"");
        assertThat(byId.body().get("references").toString())
                .isEqualTo("[{\"name\":\"geo.Covariance\",\"subject\":\"geo.Covariance\",\"version\":1}]");
        Answer version = call("GET", "/subjects/fixes-value/versions/1", null);
        assertThat(version.body().get("references")).isEqualTo(byId.body().get("references"));
        assertThat(call("GET", "/schemas/ids/1", null).body().has("references"))
                .as("a schema without references answers without the field, as Confluent's registry").isFalse();
    }

    @Test
    void aSchemaWithoutItsReferencesIsRefusedAsUndefined() throws Exception {
        register("geo.Matrix", body(MATRIX));
        assertError(call("POST", "/subjects/geo.Covariance/versions", body(COVARIANCE)), 422, 42201, "geo.Matrix");
    }

    @Test
    void aReferenceToAVersionThatIsNotThereIsRefused() throws Exception {
        register("geo.Matrix", body(MATRIX));
        assertError(call("POST", "/subjects/geo.Covariance/versions", body(COVARIANCE, "geo.Matrix", "geo.Matrix", 2)),
                422, 42201, "'geo.Matrix' (subject 'geo.Matrix', version 2): no such version");
        assertError(call("POST", "/subjects/geo.Covariance/versions", body(COVARIANCE, "geo.Matrix", "nothing", -1)),
                422, 42201, "subject 'nothing' has no live version");
    }

    @Test
    void aReferenceToTheLatestVersionIsStoredWithItsNumber() throws Exception {
        register("geo.Matrix", body(MATRIX));
        register("geo.Covariance", body(COVARIANCE, "geo.Matrix", "geo.Matrix", -1));
        assertThat(call("GET", "/subjects/geo.Covariance/versions/1", null).body().get("references").get(0)
                .get("version").asInt()).isEqualTo(1);
    }

    @Test
    void theSameRegistrationAgainGetsTheSameIdAndVersion() throws Exception {
        int id = registerTheChain();
        assertThat(register("fixes-value", body(FIX, "geo.Covariance", "geo.Covariance", 1))).isEqualTo(id);
        Answer lookup = call("POST", "/subjects/fixes-value", body(FIX, "geo.Covariance", "geo.Covariance", 1));
        assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
        assertThat(lookup.body().get("id").asInt()).isEqualTo(id);
        assertThat(call("GET", "/subjects/fixes-value/versions", null).body().toString()).isEqualTo("[1]");
    }

    @Test
    void referencedByListsTheIdsOfTheSchemasThatReferenceAVersion() throws Exception {
        int fix = registerTheChain();
        int otherFix = register("other-fixes-value", body(FIX, "geo.Covariance", "geo.Covariance", 1));
        int covariance = call("GET", "/subjects/geo.Covariance/versions/1", null).body().get("id").asInt();

        assertThat(otherFix).as("the same text with the same references is the same schema").isEqualTo(fix);
        assertThat(call("GET", "/subjects/geo.Covariance/versions/1/referencedby", null).body().toString())
                .isEqualTo("[" + fix + "]");
        assertThat(call("GET", "/subjects/geo.Matrix/versions/latest/referencedby", null).body().toString())
                .isEqualTo("[" + covariance + "]");
        assertThat(call("GET", "/subjects/fixes-value/versions/1/referencedby", null).body().toString()).isEqualTo("[]");
        assertError(call("GET", "/subjects/geo.Matrix/versions/7/referencedby", null), 404, 40402, "7");
    }

    @Test
    void aReferencedVersionCannotBeDeletedWhileSomethingReferencesIt() throws Exception {
        registerTheChain();
        assertError(call("DELETE", "/subjects/geo.Covariance/versions/1", null), 422, 42206, "fixes-value");
        assertError(call("DELETE", "/subjects/geo.Matrix", null), 422, 42206, "geo.Covariance");

        assertThat(call("DELETE", "/subjects/fixes-value/versions/1", null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/subjects/geo.Covariance/versions/1", null).status())
                .as("soft-deleted referrers no longer forbid a soft delete").isEqualTo(200);
        assertError(call("DELETE", "/subjects/geo.Covariance/versions/1?permanent=true", null), 422, 42206, "soft-deleted");
    }

    @Test
    void compatibilityIsCheckedWithTheReferencesResolved() throws Exception {
        registerTheChain();
        Answer incompatible = call("POST", "/compatibility/subjects/fixes-value/versions/latest?verbose=true",
                body(FIX_WITH_REQUIRED_Y, "geo.Covariance", "geo.Covariance", 1));
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.body().get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(call("POST", "/compatibility/subjects/fixes-value/versions/latest",
                body(FIX_WITH_DEFAULTED_Y, "geo.Covariance", "geo.Covariance", 1)).body().get("is_compatible").asBoolean())
                .isTrue();
        assertError(call("POST", "/subjects/fixes-value/versions", body(FIX_WITH_REQUIRED_Y, "geo.Covariance", "geo.Covariance", 1)),
                409, 409, "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(register("fixes-value", body(FIX_WITH_DEFAULTED_Y, "geo.Covariance", "geo.Covariance", 1)))
                .isGreaterThan(0);
    }
}
