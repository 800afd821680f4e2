package io.bayesfuse.app.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Validates Kubernetes manifests as the API server would take them. Built-in kinds are checked
 * against the models the official Kubernetes Java client generates from the Kubernetes API's
 * OpenAPI schema (client 24, Kubernetes 1.32): a field the schema does not define, a missing
 * required field or an object where a value belongs is refused by the model's own validation, a
 * value of the wrong type by reading it into the model. Strimzi {@code KafkaTopic}s are read into
 * Strimzi's API model ({@code kafka.strimzi.io/v1beta2}) and refused when any field is not one of
 * the model's. Errors name the manifest, the object and what is wrong.
 */
final class ManifestValidator {

    /** The built-in kinds the manifests use, by {@code apiVersion/kind}. */
    private static final Map<String, Kind> KINDS = Map.of(
            "v1/ConfigMap", new Kind(V1ConfigMap.class, V1ConfigMap::validateJsonElement),
            "v1/Service", new Kind(V1Service.class, V1Service::validateJsonElement),
            "apps/v1/StatefulSet", new Kind(V1StatefulSet.class, V1StatefulSet::validateJsonElement));

    private static final String KAFKA_TOPIC = KafkaTopic.RESOURCE_GROUP + "/" + KafkaTopic.V1BETA2 + "/" + KafkaTopic.RESOURCE_KIND;

    /** The OpenAPI models' timestamps; Gson cannot reflect into java.time on Java 17. */
    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
            out.value(value == null ? null : value.toString());
        }

        @Override
        public OffsetDateTime read(JsonReader in) throws IOException {
            return OffsetDateTime.parse(in.nextString());
        }
    }).create();

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Kind(Class<?> model, Validation validation) {
    }

    @FunctionalInterface
    private interface Validation {
        void validate(JsonElement object) throws IOException;
    }

    private ManifestValidator() {
    }

    /** The kind of {@code document} as {@code apiVersion/kind}. */
    static String kindOf(JsonNode document) {
        return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    }

    /** Validates one object (a YAML document read as a tree); throws {@link IllegalArgumentException} saying what is wrong. */
    static void validate(String source, JsonNode document) {
        String kind = kindOf(document);
        String where = source + ": " + kind + " '" + document.at("/metadata/name").asText() + "'";
        if (kind.equals(KAFKA_TOPIC)) {
            validateKafkaTopic(where, document);
            return;
        }
        Kind known = KINDS.get(kind);
        if (known == null) {
            throw new IllegalArgumentException(where + ": not a kind this validator knows (" + KINDS.keySet() + ", " + KAFKA_TOPIC + ")");
        }
        JsonElement object = JsonParser.parseString(document.toString());
        try {
            known.validation().validate(object);
            GSON.fromJson(object, known.model());
        } catch (IOException | RuntimeException e) {
            // the generated validation reports a list where an object belongs as a ClassCastException
            throw new IllegalArgumentException(where + " is not valid against the Kubernetes API schema: " + shortened(e), e);
        }
    }

    /** The validator's message without the JSON of the whole object it quotes. */
    private static String shortened(Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        int json = message.indexOf(" JSON: ");
        String reason = json > 0 ? message.substring(0, json) : message;
        return reason.length() > 300 ? reason.substring(0, 300) + "..." : reason;
    }

    private static void validateKafkaTopic(String where, JsonNode document) {
        KafkaTopic topic;
        try {
            topic = JSON.treeToValue(document, KafkaTopic.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid against Strimzi's API model: " + e.getMessage(), e);
        }
        // Strimzi's model keeps fields it does not know instead of refusing them: they must be none
        requireNoOthers(where, "the object", topic.getAdditionalProperties());
        requireNoOthers(where, "metadata", topic.getMetadata() == null ? Map.of() : additional(topic.getMetadata()));
        if (topic.getSpec() == null) {
            throw new IllegalArgumentException(where + ": no spec");
        }
        requireNoOthers(where, "spec", topic.getSpec().getAdditionalProperties());
        // the bounds Strimzi's CRD schema sets (partitions >= 1, 1 <= replicas <= 32767)
        Integer partitions = topic.getSpec().getPartitions();
        Integer replicas = topic.getSpec().getReplicas();
        if ((partitions != null && partitions < 1) || (replicas != null && (replicas < 1 || replicas > 32_767))) {
            throw new IllegalArgumentException(where + ": spec.partitions must be at least 1 and spec.replicas between 1 and 32767");
        }
    }

    private static Map<String, Object> additional(ObjectMeta metadata) {
        return metadata.getAdditionalProperties();
    }

    private static void requireNoOthers(String where, String part, Map<String, Object> others) {
        if (others != null && !others.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + part + " has fields Strimzi's API model does not define: " + others.keySet());
        }
    }
}
