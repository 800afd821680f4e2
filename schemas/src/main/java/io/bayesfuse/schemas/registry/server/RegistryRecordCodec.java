package io.bayesfuse.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.SchemaReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JSON keys and values of registry records in a compacted Kafka topic. Keys are chosen so that
 * compaction never loses what the state needs:
 * <ul>
 *   <li>a schema claim's key holds subject, version, id and a fingerprint of the schema and its
 *       references, so two different claims never share a key (the first in log order stays the winner after
 *       compaction) while a repeated identical claim does;</li>
 *   <li>a soft and a permanent deletion of a version have different keys (both must survive);</li>
 *   <li>a compatibility setting is keyed by its subject (or global): the last one wins, and a
 *       removal is a tombstone.</li>
 * </ul>
 * Records of other kinds (e.g. written by another registry implementation) decode to empty.
 */
final class RegistryRecordCodec {

    private static final String KEY_TYPE = "keytype";
    private final ObjectMapper json = new ObjectMapper();

    /** A record as the bytes of a Kafka key and value (value null for a tombstone). */
    record Encoded(byte[] key, byte[] value) { }

    Encoded encode(RegistryRecord record) {
        if (record instanceof SchemaClaim claim) {
            ObjectNode key = json.createObjectNode().put(KEY_TYPE, "SCHEMA").put("subject", claim.subject())
                    .put("version", claim.version()).put("id", claim.id()).put("fingerprint", fingerprint(claim));
            ObjectNode value = json.createObjectNode().put("subject", claim.subject()).put("version", claim.version())
                    .put("id", claim.id()).put("schema", claim.schema());
            if (!claim.references().isEmpty()) {
                ArrayNode references = value.putArray("references");
                claim.references().forEach(r -> references.addObject()
                        .put("name", r.name()).put("subject", r.subject()).put("version", r.version()));
            }
            return new Encoded(bytes(key), bytes(value));
        }
        if (record instanceof VersionDeletion deletion) {
            ObjectNode key = json.createObjectNode().put(KEY_TYPE, "DELETE_VERSION").put("subject", deletion.subject())
                    .put("version", deletion.version()).put("permanent", deletion.permanent());
            return new Encoded(bytes(key), bytes(json.createObjectNode().put("deleted", true)));
        }
        CompatibilityChange change = (CompatibilityChange) record;
        ObjectNode key = json.createObjectNode().put(KEY_TYPE, "CONFIG");
        change.subject().ifPresent(subject -> key.put("subject", subject));
        byte[] value = change.level()
                .map(level -> bytes(json.createObjectNode().put("compatibilityLevel", level.name())))
                .orElse(null);
        return new Encoded(bytes(key), value);
    }

    /**
     * The record a key and value hold, or empty for records this registry does not write.
     *
     * @throws IllegalArgumentException when a record of a known kind is malformed
     */
    Optional<RegistryRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        if (keyBytes == null) {
            return Optional.empty();
        }
        JsonNode key = tree(keyBytes);
        String type = key.path(KEY_TYPE).asText("");
        switch (type) {
            case "SCHEMA" -> {
                if (valueBytes == null || !key.has("fingerprint")) {
                    return Optional.empty();
                }
                JsonNode value = tree(valueBytes);
                return Optional.of(new SchemaClaim(text(value, "subject"), integer(value, "version"),
                        integer(value, "id"), text(value, "schema"), references(value)));
            }
            case "DELETE_VERSION" -> {
                return Optional.of(new VersionDeletion(text(key, "subject"), integer(key, "version"),
                        key.path("permanent").asBoolean(false)));
            }
            case "CONFIG" -> {
                Optional<String> subject = key.has("subject") ? Optional.of(text(key, "subject")) : Optional.empty();
                Optional<CompatibilityLevel> level = valueBytes == null ? Optional.empty()
                        : Optional.of(CompatibilityLevel.parse(text(tree(valueBytes), "compatibilityLevel")));
                return Optional.of(new CompatibilityChange(subject, level));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A claim's references; claims written before references existed have none. */
    private static List<SchemaReference> references(JsonNode value) {
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : value.path("references")) {
            references.add(new SchemaReference(text(reference, "name"), text(reference, "subject"),
                    integer(reference, "version")));
        }
        return references;
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not text in " + node);
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not an integer in " + node);
        }
        return value.asInt();
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Of the schema alone when it has no references, so keys written before references existed stay the same. */
    private static String fingerprint(SchemaClaim claim) {
        String fingerprinted = claim.references().isEmpty() ? claim.schema()
                : claim.schema() + "\n" + claim.references().stream()
                        .map(r -> r.name() + "\u0000" + r.subject() + "\u0000" + r.version())
                        .collect(Collectors.joining("\n"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprinted.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
