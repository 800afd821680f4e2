package io.bayesfuse.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every object in {@code deploy/kubernetes} is valid against the Kubernetes API schema (Strimzi's
 * API model for the {@code KafkaTopic}s), as {@link ManifestValidator} checks it; and the validation
 * refuses a manifest with a misspelt field, a missing required field or a value of the wrong type.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"))
            .getParent().resolve("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Manifest(String source, JsonNode document) {
    }

    private static List<Manifest> manifests() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                manifests.addAll(documents(file));
            }
        }
        return manifests;
    }

    private static List<Manifest> documents(Path file) throws IOException {
        List<Manifest> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(new Manifest(file.getFileName().toString(), document));
                }
            }
        }
        return documents;
    }

    private static JsonNode statefulSet() throws IOException {
        return documents(KUBERNETES.resolve("statefulset.yaml")).get(0).document().deepCopy();
    }

    @Test
    void everyObjectIsValidAgainstTheKubernetesApiSchema() throws IOException {
        List<Manifest> manifests = manifests();
        assertThat(manifests).extracting(m -> ManifestValidator.kindOf(m.document())).contains(
                "v1/ConfigMap", "v1/Service", "apps/v1/StatefulSet", "kafka.strimzi.io/v1beta2/KafkaTopic");
        for (Manifest manifest : manifests) {
            ManifestValidator.validate(manifest.source(), manifest.document());
        }
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void aFieldTheSchemaDoesNotDefineIsRefusedWithItsName() throws IOException {
        JsonNode broken = statefulSet();
        ObjectNode security = (ObjectNode) broken.at("/spec/template/spec/securityContext");
        security.set("runAsUsr", security.remove("runAsUser"));
        assertThatThrownBy(() -> ManifestValidator.validate("statefulset.yaml", broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apps/v1/StatefulSet 'bayesfuse' is not valid against the Kubernetes API schema")
                .hasMessageContaining("`runAsUsr`").hasMessageContaining("V1PodSecurityContext");
    }

    @Test
    void aMissingRequiredFieldIsRefused() throws IOException {
        JsonNode broken = statefulSet();
        ((ObjectNode) broken.at("/spec/template/spec/containers/0")).remove("name");
        assertThatThrownBy(() -> ManifestValidator.validate("statefulset.yaml", broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The required field `name` is not found");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() throws IOException {
        JsonNode broken = statefulSet();
        ((ObjectNode) broken.get("spec")).put("replicas", "three");
        assertThatThrownBy(() -> ManifestValidator.validate("statefulset.yaml", broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three");
    }

    @Test
    void anObjectWhereAListBelongsIsRefused() throws IOException {
        JsonNode broken = statefulSet();
        ObjectNode container = (ObjectNode) broken.at("/spec/template/spec/containers/0");
        container.set("ports", container.get("ports").get(0));
        assertThatThrownBy(() -> ManifestValidator.validate("statefulset.yaml", broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not valid against the Kubernetes API schema")
                .hasMessageContaining("cannot be cast to class com.google.gson.JsonArray");
    }

    @Test
    void aKafkaTopicWithAMisspeltFieldIsRefused() throws IOException {
        JsonNode topic = documents(KUBERNETES.resolve("topics.yaml")).get(0).document().deepCopy();
        ObjectNode spec = (ObjectNode) topic.get("spec");
        spec.set("partitons", spec.remove("partitions"));
        assertThatThrownBy(() -> ManifestValidator.validate("topics.yaml", topic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka.strimzi.io/v1beta2/KafkaTopic 'bayesfuse-measurements'")
                .hasMessageContaining("partitons");
    }

    @Test
    void aKafkaTopicWithoutReplicasIsRefused() throws IOException {
        JsonNode topic = documents(KUBERNETES.resolve("topics.yaml")).get(0).document().deepCopy();
        ((ObjectNode) topic.get("spec")).put("replicas", 0);
        assertThatThrownBy(() -> ManifestValidator.validate("topics.yaml", topic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec.replicas between 1 and 32767");
    }

    @Test
    void aKindTheValidatorDoesNotKnowIsRefusedRatherThanPassed() throws IOException {
        JsonNode unknown = YAML.readTree("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");
        assertThatThrownBy(() -> ManifestValidator.validate("extra.yaml", unknown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a kind this validator knows");
    }
}
