package io.bayesfuse.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Confluent Schema Registry v1 REST API over java.net.http, without caching (wrap it in a
 * {@link CachingSchemaRegistryClient} for the serdes). Only Avro schemas are handled.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryHttp http;
    private final ObjectMapper json = new ObjectMapper();

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.http = new RegistryHttp(config, json);
    }

    /** The registry URLs, in failover order. */
    public List<URI> urls() {
        return http.urls();
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode answer = http.send("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema));
        return requiredInt(answer, "id", "register under subject '" + subject + "'");
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = http.send("POST", "/subjects/" + segment(subject), schemaBody(schema));
        return registered(answer, "look up a schema under subject '" + subject + "'");
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = http.send("GET", "/schemas/ids/" + id, null);
        return parse(answer, "schema id " + id);
    }

    @Override
    public RegisteredSchema version(String subject, String version) {
        JsonNode answer = http.send("GET", "/subjects/" + segment(subject) + "/versions/" + segment(version), null);
        return registered(answer, "version " + version + " of subject '" + subject + "'");
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        http.send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        return ints(http.send("GET", "/subjects/" + segment(subject) + "/versions", null));
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return level(http.send("GET", "/config", null), "compatibilityLevel");
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        return level(http.send("PUT", "/config", levelBody(level)), "compatibility");
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(level(http.send("GET", "/config/" + segment(subject), null), "compatibilityLevel"));
        } catch (RegistryRequestException e) {
            if (e.is(RegistryErrorCode.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED) || e.is(RegistryErrorCode.SUBJECT_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        return level(http.send("PUT", "/config/" + segment(subject), levelBody(level)), "compatibility");
    }

    @Override
    public void deleteSubjectCompatibility(String subject) {
        http.send("DELETE", "/config/" + segment(subject), null);
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        JsonNode answer = http.send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/"
                + segment(version), schemaBody(schema));
        JsonNode verdict = answer.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw new RegistryException("the compatibility check for subject '" + subject
                    + "' answered without a boolean 'is_compatible': " + answer);
        }
        return verdict.asBoolean();
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return ints(http.send("DELETE", "/subjects/" + segment(subject) + (permanent ? "?permanent=true" : ""), null));
    }

    @Override
    public int deleteVersion(String subject, String version, boolean permanent) {
        JsonNode answer = http.send("DELETE", "/subjects/" + segment(subject) + "/versions/" + segment(version)
                + (permanent ? "?permanent=true" : ""), null);
        if (!answer.canConvertToInt()) {
            throw new RegistryException("deleting version " + version + " of subject '" + subject
                    + "' answered " + answer + ", not a version number");
        }
        return answer.asInt();
    }

    @Override
    public void close() {
        http.close();
    }

    private ObjectNode schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString());
    }

    private ObjectNode levelBody(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibility", level.name());
    }

    private RegisteredSchema registered(JsonNode answer, String what) {
        return new RegisteredSchema(
                answer.path("subject").asText(),
                requiredInt(answer, "version", what),
                requiredInt(answer, "id", what),
                parse(answer, what));
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new RegistryException("the registry's answer to " + what + " has no integer '" + field + "': " + answer);
        }
        return value.asInt();
    }

    private static CompatibilityLevel level(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null) {
            throw new RegistryException("the registry's configuration answer has no '" + field + "': " + answer);
        }
        return CompatibilityLevel.parse(value.asText());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }

    /**
     * The schema an answer carries, with its references resolved as Confluent's clients do: each
     * referenced version is fetched ({@code GET /subjects/{subject}/versions/{version}}) and parsed,
     * after its own references, into the parser that then parses the schema, so the names the
     * schema uses without defining them resolve.
     */
    private Schema parse(JsonNode answer, String what) {
        Schema.Parser parser = new Schema.Parser();
        resolveReferences(answer, what, parser, new HashSet<>());
        return parse(parser, answer.path("schema").asText(null), what);
    }

    private void resolveReferences(JsonNode answer, String what, Schema.Parser parser, Set<String> resolved) {
        for (JsonNode reference : answer.path("references")) {
            String name = reference.path("name").asText(null);
            String subject = reference.path("subject").asText(null);
            JsonNode version = reference.get("version");
            if (name == null || subject == null || version == null || !version.canConvertToInt()) {
                throw new RegistryException("the registry's answer for " + what + " has a reference without a name, "
                        + "subject or integer version: " + reference);
            }
            if (!resolved.add(name)) {
                continue;
            }
            String referenced = "reference '" + name + "' (version " + version.asInt() + " of subject '" + subject
                    + "') of " + what;
            JsonNode target = http.send("GET", "/subjects/" + segment(subject) + "/versions/" + version.asInt(), null);
            resolveReferences(target, referenced, parser, resolved);
            parse(parser, target.path("schema").asText(null), referenced);
        }
    }

    private static Schema parse(Schema.Parser parser, String text, String what) {
        if (text == null) {
            throw new RegistryException("the registry's answer for " + what + " carries no schema");
        }
        try {
            return parser.parse(text);
        } catch (SchemaParseException | AvroTypeException e) {
            throw new RegistryException("the registry returned a schema for " + what
                    + " that is not valid Avro: " + e.getMessage(), e);
        }
    }

    /** One path segment, percent-encoded (a subject may hold any character). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
