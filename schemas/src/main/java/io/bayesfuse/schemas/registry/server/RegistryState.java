package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's state: schemas by id, subjects with their versions, compatibility levels. It
 * changes only by {@link #apply}, which is deterministic, so every registry instance that applies
 * the same records in the same order holds the same state. Not thread-safe: a {@link SchemaStore}
 * guards it.
 *
 * <p>The acceptance rules of {@link #apply} make concurrent writers safe: a writer reads the state,
 * makes a claim (next id, next version), appends it, and learns from the outcome whether another
 * writer got there first, in which case it retries on the newer state.
 */
public final class RegistryState {

    private final Map<Integer, SchemaDefinition> schemasById = new HashMap<>();
    private final Map<SchemaDefinition, Integer> idsBySchema = new HashMap<>();
    private final Map<String, NavigableMap<Integer, StoredVersion>> subjects = new TreeMap<>();
    private final Map<String, Integer> highestVersions = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int highestId;

    /**
     * Applies a record if it agrees with the state; returns whether it was accepted. A schema claim
     * is accepted when its version is the subject's next one, its id is free or already this
     * schema's, the schema has no other id, and the subject has no live version with this schema;
     * re-applying an accepted claim is accepted and changes nothing. A deletion is accepted when the
     * version exists. A compatibility change is always accepted.
     */
    boolean apply(RegistryRecord record) {
        if (record instanceof SchemaClaim claim) {
            return applyClaim(claim);
        }
        if (record instanceof VersionDeletion deletion) {
            return applyDeletion(deletion);
        }
        return applyChange((CompatibilityChange) record);
    }

    private boolean applyClaim(SchemaClaim claim) {
        NavigableMap<Integer, StoredVersion> versions = subjects.get(claim.subject());
        StoredVersion existing = versions == null ? null : versions.get(claim.version());
        SchemaDefinition definition = claim.definition();
        if (existing != null) {
            return existing.id() == claim.id() && existing.definition().equals(definition);
        }
        if (claim.version() != nextVersion(claim.subject())) {
            return false;
        }
        Integer idOfSchema = idsBySchema.get(definition);
        if (idOfSchema != null && idOfSchema != claim.id()) {
            return false;
        }
        SchemaDefinition schemaOfId = schemasById.get(claim.id());
        if (schemaOfId != null && !schemaOfId.equals(definition)) {
            return false;
        }
        if (liveVersionOf(claim.subject(), definition).isPresent()) {
            return false;
        }
        schemasById.put(claim.id(), definition);
        idsBySchema.put(definition, claim.id());
        highestId = Math.max(highestId, claim.id());
        subjects.computeIfAbsent(claim.subject(), s -> new TreeMap<>()).put(claim.version(),
                new StoredVersion(claim.subject(), claim.version(), claim.id(), claim.schema(), claim.references(), false));
        highestVersions.merge(claim.subject(), claim.version(), Math::max);
        return true;
    }

    private boolean applyDeletion(VersionDeletion deletion) {
        NavigableMap<Integer, StoredVersion> versions = subjects.get(deletion.subject());
        StoredVersion existing = versions == null ? null : versions.get(deletion.version());
        if (existing == null) {
            return false;
        }
        if (deletion.permanent()) {
            versions.remove(deletion.version());
            if (versions.isEmpty()) {
                subjects.remove(deletion.subject());
            }
        } else {
            versions.put(deletion.version(), existing.softDeleted());
        }
        return true;
    }

    private boolean applyChange(CompatibilityChange change) {
        if (change.subject().isEmpty()) {
            globalLevel = change.level().orElse(null);
        } else if (change.level().isPresent()) {
            subjectLevels.put(change.subject().get(), change.level().get());
        } else {
            subjectLevels.remove(change.subject().get());
        }
        return true;
    }

    /** The schema registered under an id (ids keep resolving after their versions are deleted). */
    public Optional<SchemaDefinition> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id a schema (canonical text and references) already has, if any. */
    public Optional<Integer> idOf(SchemaDefinition schema) {
        return Optional.ofNullable(idsBySchema.get(schema));
    }

    /** The id a new schema gets: one above the highest id ever given (ids start at 1). */
    public int nextId() {
        return highestId + 1;
    }

    /** The version a new schema of the subject gets: one above the highest ever (versions start at 1). */
    public int nextVersion(String subject) {
        return highestVersions.getOrDefault(subject, 0) + 1;
    }

    /** The subject's versions in order, the soft-deleted ones only when asked for. */
    public List<StoredVersion> versions(String subject, boolean includeDeleted) {
        NavigableMap<Integer, StoredVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        List<StoredVersion> result = new ArrayList<>();
        for (StoredVersion version : versions.values()) {
            if (includeDeleted || !version.deleted()) {
                result.add(version);
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** A version of a subject, soft-deleted or not. */
    public Optional<StoredVersion> version(String subject, int version) {
        NavigableMap<Integer, StoredVersion> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The live version of the subject that holds this schema (canonical text and references), if any. */
    public Optional<StoredVersion> liveVersionOf(String subject, SchemaDefinition schema) {
        return versions(subject, false).stream().filter(v -> v.definition().equals(schema)).findFirst();
    }

    /** The subjects with at least one version (a live one unless {@code includeDeleted}), sorted. */
    public List<String> subjects(boolean includeDeleted) {
        TreeSet<String> names = new TreeSet<>();
        subjects.forEach((subject, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(subject);
            }
        });
        return List.copyOf(names);
    }

    /** Every live version, in any subject, that holds the schema with this id. */
    public List<StoredVersion> versionsWithId(int id) {
        List<StoredVersion> result = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().stream()
                .filter(v -> v.id() == id && !v.deleted())
                .forEach(result::add));
        return result;
    }

    /**
     * The versions, in any subject, whose references name this version of this subject: the live
     * ones, and the soft-deleted ones too when asked for. A permanently deleted version references
     * nothing any more.
     */
    public List<StoredVersion> referrers(String subject, int version, boolean includeDeleted) {
        List<StoredVersion> result = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().stream()
                .filter(v -> (includeDeleted || !v.deleted()) && v.definition().references(subject, version))
                .forEach(result::add));
        return result;
    }

    /** The global level, if one was set (otherwise the registry's default applies). */
    public Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    /** The subject's own level, if one was set. */
    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }
}
