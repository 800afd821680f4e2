package io.bayesfuse.schemas.registry;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Optional;

/**
 * The Confluent Schema Registry v1 API, for Avro schemas. Every method throws
 * {@link RegistryRequestException} when the registry refuses the request and
 * {@link RegistryUnreachableException} when no registry answers.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** The literal accepted for a version argument meaning "the newest live version". */
    String LATEST = "latest";

    /** {@code POST /subjects/{subject}/versions}: registers (or finds) the schema; returns its global id. */
    int register(String subject, Schema schema);

    /** {@code POST /subjects/{subject}}: the version of the subject holding exactly this schema. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** {@code GET /schemas/ids/{id}}: the schema with this global id. */
    Schema schemaById(int id);

    /** {@code GET /subjects/{subject}/versions/{version}}: one version, or {@link #LATEST}. */
    RegisteredSchema version(String subject, String version);

    /** {@code GET /subjects/{subject}/versions/latest}. */
    default RegisteredSchema latest(String subject) {
        return version(subject, LATEST);
    }

    /** {@code GET /subjects}: the live subjects. */
    List<String> subjects();

    /** {@code GET /subjects/{subject}/versions}: the live versions of a subject. */
    List<Integer> versions(String subject);

    /** {@code GET /config}: the global compatibility level. */
    CompatibilityLevel globalCompatibility();

    /** {@code PUT /config}: sets the global compatibility level. */
    CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level);

    /** {@code GET /config/{subject}}: the level set on the subject itself, if any. */
    Optional<CompatibilityLevel> subjectCompatibility(String subject);

    /** {@code PUT /config/{subject}}: sets the subject's own compatibility level. */
    CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level);

    /** {@code DELETE /config/{subject}}: the subject falls back to the global level again. */
    void deleteSubjectCompatibility(String subject);

    /**
     * {@code POST /compatibility/subjects/{subject}/versions/{version}}: whether the schema is
     * compatible with that version (or {@link #LATEST}) under the subject's level.
     */
    boolean isCompatible(String subject, String version, Schema schema);

    /** {@code DELETE /subjects/{subject}[?permanent=true]}: returns the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent);

    /** {@code DELETE /subjects/{subject}/versions/{version}[?permanent=true]}: returns the version deleted. */
    int deleteVersion(String subject, String version, boolean permanent);

    @Override
    void close();
}
