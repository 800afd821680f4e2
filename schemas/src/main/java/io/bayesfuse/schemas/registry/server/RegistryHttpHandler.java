package io.bayesfuse.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.bayesfuse.schemas.registry.RegistryErrorCode;
import io.bayesfuse.schemas.registry.SchemaReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Confluent Schema Registry v1 REST API over a {@link SchemaRegistry}: routes each request,
 * reads its JSON body, answers JSON ({@code application/vnd.schemaregistry.v1+json}), and turns
 * every refusal into the Confluent error body {@code {"error_code": ..., "message": ...}}.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_BODY_TYPES = Set.of(CONTENT_TYPE,
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private interface Action {
        Object answer(RegistryRequest request, JsonNode body);
    }

    private record Route(String method, String[] pattern, Action action) { }

    private final SchemaRegistry registry;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes;

    RegistryHttpHandler(SchemaRegistry registry) {
        this.registry = registry;
        this.routes = List.of(
                route("GET", new String[]{}, (r, b) -> json.createObjectNode()),
                route("GET", new String[]{"subjects"}, (r, b) -> registry.subjects(r.flag("deleted"))),
                route("GET", new String[]{"subjects", null, "versions"},
                        (r, b) -> registry.versions(r.segment(1), r.flag("deleted"))),
                route("POST", new String[]{"subjects", null, "versions"},
                        (r, b) -> json.createObjectNode().put("id",
                                registry.register(r.segment(1), schemaOf(b), referencesOf(b)))),
                route("GET", new String[]{"subjects", null, "versions", null},
                        (r, b) -> version(registry.version(r.segment(1), r.segment(3), r.flag("deleted")))),
                route("GET", new String[]{"subjects", null, "versions", null, "schema"},
                        (r, b) -> rawSchema(registry.version(r.segment(1), r.segment(3), r.flag("deleted")).schema())),
                route("GET", new String[]{"subjects", null, "versions", null, "referencedby"},
                        (r, b) -> registry.referencedBy(r.segment(1), r.segment(3), r.flag("deleted"))),
                route("DELETE", new String[]{"subjects", null, "versions", null},
                        (r, b) -> registry.deleteVersion(r.segment(1), r.segment(3), r.flag("permanent"))),
                route("POST", new String[]{"subjects", null},
                        (r, b) -> version(registry.lookup(r.segment(1), schemaOf(b), referencesOf(b), r.flag("deleted")))),
                route("DELETE", new String[]{"subjects", null},
                        (r, b) -> registry.deleteSubject(r.segment(1), r.flag("permanent"))),
                route("GET", new String[]{"schemas", "types"}, (r, b) -> List.of("AVRO")),
                route("GET", new String[]{"schemas", "ids", null},
                        (r, b) -> schema(registry.schemaById(id(r.segment(2))))),
                route("GET", new String[]{"schemas", "ids", null, "schema"},
                        (r, b) -> rawSchema(registry.schemaById(id(r.segment(2))).schema())),
                route("GET", new String[]{"schemas", "ids", null, "versions"}, (r, b) -> uses(id(r.segment(2)))),
                route("GET", new String[]{"schemas", "ids", null, "subjects"},
                        (r, b) -> registry.usesOf(id(r.segment(2))).stream()
                                .map(SchemaRegistry.SubjectVersion::subject).distinct().toList()),
                route("GET", new String[]{"config"},
                        (r, b) -> json.createObjectNode().put("compatibilityLevel", registry.globalLevel().name())),
                route("PUT", new String[]{"config"},
                        (r, b) -> json.createObjectNode().put("compatibility", registry.setGlobalLevel(levelOf(b)).name())),
                route("GET", new String[]{"config", null},
                        (r, b) -> json.createObjectNode().put("compatibilityLevel",
                                registry.subjectLevel(r.segment(1), r.flag("defaultToGlobal")).name())),
                route("PUT", new String[]{"config", null},
                        (r, b) -> json.createObjectNode().put("compatibility",
                                registry.setSubjectLevel(r.segment(1), levelOf(b)).name())),
                route("DELETE", new String[]{"config", null},
                        (r, b) -> json.createObjectNode().put("compatibilityLevel",
                                registry.deleteSubjectLevel(r.segment(1)).name())),
                route("POST", new String[]{"compatibility", "subjects", null, "versions", null},
                        (r, b) -> verdict(registry.checkCompatibility(r.segment(2), Optional.of(r.segment(4)), schemaOf(b),
                                referencesOf(b)),
                                r.flag("verbose"))),
                route("POST", new String[]{"compatibility", "subjects", null, "versions"},
                        (r, b) -> verdict(registry.checkCompatibility(r.segment(2), Optional.empty(), schemaOf(b), referencesOf(b)),
                                r.flag("verbose"))),
                route("GET", new String[]{"mode"}, (r, b) -> json.createObjectNode().put("mode", "READWRITE")),
                route("GET", new String[]{"mode", null}, (r, b) -> json.createObjectNode().put("mode", "READWRITE")));
    }

    private static Route route(String method, String[] pattern, Action action) {
        return new Route(method, pattern, action);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RegistryRequest request = RegistryRequest.of(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
            int status = 200;
            Object answer;
            try {
                answer = dispatch(request, exchange);
            } catch (RegistryErrorException e) {
                status = e.code().httpStatus();
                answer = error(e.code().code(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", request.method(), exchange.getRequestURI(), e);
                status = 500;
                answer = error(RegistryErrorCode.STORE_ERROR.code(), "Internal error: " + e);
            }
            send(exchange, status, answer);
        }
    }

    private Object dispatch(RegistryRequest request, HttpExchange exchange) throws IOException {
        boolean pathKnown = false;
        for (Route route : routes) {
            if (request.matches(route.pattern())) {
                pathKnown = true;
                if (request.is(route.method())) {
                    return route.action().answer(request, body(exchange));
                }
            }
        }
        if (pathKnown) {
            throw new RegistryErrorException(RegistryErrorCode.METHOD_NOT_ALLOWED,
                    "HTTP 405 Method Not Allowed: " + request.method() + " /" + String.join("/", request.segments()));
        }
        throw new RegistryErrorException(RegistryErrorCode.NOT_FOUND,
                "HTTP 404 Not Found: /" + String.join("/", request.segments()));
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
                throw new RegistryErrorException(RegistryErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "HTTP 415 Unsupported Media Type: '" + contentType + "'; send " + CONTENT_TYPE + " or application/json");
            }
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new RegistryErrorException(RegistryErrorCode.BAD_REQUEST, "The request body is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String schemaOf(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA,
                    "Invalid schema: schemaType '" + type + "' is not supported; this registry holds AVRO schemas only");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA,
                    "Invalid schema: the body needs a 'schema' field holding the schema as a JSON string");
        }
        return schema.asText();
    }

    /** The body's {@code references}: {@code [{"name": ..., "subject": ..., "version": ...}, ...]}, or none. */
    private static List<SchemaReference> referencesOf(JsonNode body) {
        JsonNode references = body.get("references");
        if (references == null || references.isNull()) {
            return List.of();
        }
        if (!references.isArray()) {
            throw new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA,
                    "Invalid schema: 'references' must be an array of {\"name\", \"subject\", \"version\"} objects");
        }
        List<SchemaReference> result = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            JsonNode reference = references.get(i);
            JsonNode name = reference.get("name");
            JsonNode subject = reference.get("subject");
            JsonNode version = reference.get("version");
            if (name == null || !name.isTextual() || subject == null || !subject.isTextual()
                    || version == null || !version.canConvertToInt()) {
                throw new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: reference " + (i + 1)
                        + " needs a text 'name' and 'subject' and an integer 'version', got " + reference);
            }
            try {
                result.add(new SchemaReference(name.asText(), subject.asText(), version.asInt()));
            } catch (IllegalArgumentException e) {
                throw new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
            }
        }
        return result;
    }

    private static String levelOf(JsonNode body) {
        JsonNode level = body.get("compatibility");
        if (level == null) {
            level = body.get("compatibilityLevel");
        }
        if (level == null || !level.isTextual()) {
            throw new RegistryErrorException(RegistryErrorCode.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level: the body needs a 'compatibility' field, e.g. {\"compatibility\": \"FULL\"}");
        }
        return level.asText();
    }

    private static int id(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryErrorException(RegistryErrorCode.SCHEMA_NOT_FOUND, "Schema '" + text
                    + "' not found: a schema id is a number");
        }
    }

    private ObjectNode version(StoredVersion version) {
        ObjectNode node = json.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
        addReferences(node, version.references());
        return node;
    }

    private ObjectNode schema(SchemaDefinition definition) {
        ObjectNode node = json.createObjectNode().put("schema", definition.schema());
        addReferences(node, definition.references());
        return node;
    }

    /** As Confluent's registry: the field is left out when there are no references. */
    private static void addReferences(ObjectNode node, List<SchemaReference> references) {
        if (references.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray("references");
        references.forEach(r -> array.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version()));
    }

    private JsonNode rawSchema(String schema) {
        try {
            return json.readTree(schema);
        } catch (IOException e) {
            throw new IllegalStateException("a stored schema is not JSON: " + schema, e);
        }
    }

    private ArrayNode uses(int id) {
        ArrayNode array = json.createArrayNode();
        registry.usesOf(id).forEach(use -> array.addObject().put("subject", use.subject()).put("version", use.version()));
        return array;
    }

    private ObjectNode verdict(SchemaRegistry.Verdict verdict, boolean verbose) {
        ObjectNode node = json.createObjectNode().put("is_compatible", verdict.compatible());
        if (verbose) {
            ArrayNode messages = node.putArray("messages");
            verdict.problems().forEach(messages::add);
        }
        return node;
    }

    private ObjectNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    private void send(HttpExchange exchange, int status, Object answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        String accept = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("");
        boolean plainJsonOnly = accept.contains("application/json") && !accept.contains("schemaregistry");
        exchange.getResponseHeaders().set("Content-Type", plainJsonOnly ? "application/json" : CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
