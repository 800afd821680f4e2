package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.RegistryErrorCode;
import io.bayesfuse.schemas.registry.SchemaReference;
import org.apache.avro.Schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The registry's operations, independent of HTTP: register and look up schemas, read versions,
 * set compatibility levels, check compatibility, delete. Every refusal is a
 * {@link RegistryErrorException} carrying the Confluent error code.
 *
 * <p>Writes are optimistic: the operation reads the state, makes a claim and appends it; when the
 * store refuses it because another registry instance wrote first, the operation starts again on
 * the newer state (a bounded number of times).
 */
public final class SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);

    /** How often a write is retried when other writers keep getting there first. */
    private static final int MAX_ATTEMPTS = 20;

    private final SchemaStore store;
    private final CompatibilityLevel defaultLevel;
    private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();

    public SchemaRegistry(SchemaStore store, CompatibilityLevel defaultLevel) {
        this.store = store;
        this.defaultLevel = defaultLevel;
    }

    /** The outcome of a compatibility check. */
    public record Verdict(boolean compatible, List<String> problems) { }

    /** A schema id's use: which version of which subject holds it. */
    public record SubjectVersion(String subject, int version) { }

    /** Registers a schema without references under the subject (or finds it there); returns its global id. */
    public int register(String subject, String schemaText) {
        return register(subject, schemaText, List.of());
    }

    /**
     * Registers the schema, whose undefined names the references resolve, under the subject (or
     * finds it there); returns its global id. A reference to version -1 is stored as the number of
     * the referenced subject's latest version.
     */
    public int register(String subject, String schemaText, List<SchemaReference> references) {
        ReferencedSchemas.Parsed candidate = store.read(state -> ReferencedSchemas.parse(state, schemaText, references, false));
        SchemaDefinition definition = candidate.definition();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StoredVersion> existing = store.read(state -> state.liveVersionOf(subject, definition));
            if (existing.isPresent()) {
                return existing.get().id();
            }
            SchemaClaim claim = store.read(state -> claimFor(state, subject, candidate));
            if (store.append(claim)) {
                parsedById.putIfAbsent(claim.id(), candidate.schema());
                return claim.id();
            }
            LOG.debug("another writer got there first: {} was refused, retrying on the newer state", claim);
        }
        throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR, "could not register a schema under subject '"
                + subject + "': other registry instances changed it " + MAX_ATTEMPTS + " times in a row");
    }

    /** The claim for a new version of the subject, if the schema is compatible with what the level covers. */
    private SchemaClaim claimFor(RegistryState state, String subject, ReferencedSchemas.Parsed candidate) {
        CompatibilityLevel level = effectiveLevel(state, subject);
        List<StoredVersion> live = state.versions(subject, false);
        List<StoredVersion> against = level.transitive() || live.isEmpty() ? live : List.of(live.get(live.size() - 1));
        List<String> problems = CompatibilityChecker.problems(level, candidate.schema(), earlier(state, against));
        if (!problems.isEmpty()) {
            throw new RegistryErrorException(RegistryErrorCode.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject '" + subject
                            + "' under " + level + ": " + String.join("; ", problems));
        }
        SchemaDefinition definition = candidate.definition();
        int id = state.idOf(definition).orElseGet(state::nextId);
        return new SchemaClaim(subject, state.nextVersion(subject), id, definition.schema(), definition.references());
    }

    /** The live (or, when asked, soft-deleted) version of the subject holding this schema with these references. */
    public StoredVersion lookup(String subject, String schemaText, List<SchemaReference> references, boolean includeDeleted) {
        return store.read(state -> {
            SchemaDefinition definition = ReferencedSchemas.parse(state, schemaText, references, true).definition();
            List<StoredVersion> versions = state.versions(subject, includeDeleted);
            if (versions.isEmpty()) {
                throw subjectNotFound(subject);
            }
            return versions.stream().filter(v -> v.definition().equals(definition)).reduce((a, b) -> b)
                    .orElseThrow(() -> new RegistryErrorException(RegistryErrorCode.SCHEMA_NOT_FOUND,
                            "Schema not found under subject '" + subject + "'"));
        });
    }

    /** The schema with a global id, with the references that resolve its names. */
    public SchemaDefinition schemaById(int id) {
        Optional<SchemaDefinition> known = store.read(state -> state.schemaById(id));
        if (known.isEmpty()) {
            store.catchUp();   // registered through another registry instance a moment ago?
            known = store.read(state -> state.schemaById(id));
        }
        return known.orElseThrow(() -> schemaNotFound(id));
    }

    /**
     * The ids of the schemas whose references name a version of the subject ({@code latest}
     * included): those with a live version, and those only soft-deleted too when asked for.
     */
    public List<Integer> referencedBy(String subject, String versionSpec, boolean includeDeleted) {
        Optional<Integer> number = parseVersion(versionSpec);
        return store.read(state -> {
            StoredVersion version = find(state, subject, number, number.isPresent());
            return state.referrers(subject, version.version(), includeDeleted).stream()
                    .map(StoredVersion::id).distinct().sorted().toList();
        });
    }

    /** The subjects and versions that hold the schema with a global id. */
    public List<SubjectVersion> usesOf(int id) {
        return store.read(state -> {
            if (state.schemaById(id).isEmpty()) {
                throw schemaNotFound(id);
            }
            return state.versionsWithId(id).stream().map(v -> new SubjectVersion(v.subject(), v.version())).toList();
        });
    }

    public List<String> subjects(boolean includeDeleted) {
        return store.read(state -> state.subjects(includeDeleted));
    }

    public List<Integer> versions(String subject, boolean includeDeleted) {
        return store.read(state -> {
            List<StoredVersion> versions = state.versions(subject, includeDeleted);
            if (versions.isEmpty()) {
                throw subjectNotFound(subject);
            }
            return versions.stream().map(StoredVersion::version).toList();
        });
    }

    /** A version of a subject: a number, or {@code latest} / {@code -1} for the newest live one. */
    public StoredVersion version(String subject, String versionSpec, boolean includeDeleted) {
        Optional<Integer> number = parseVersion(versionSpec);
        return store.read(state -> find(state, subject, number, includeDeleted));
    }

    private static StoredVersion find(RegistryState state, String subject, Optional<Integer> number, boolean includeDeleted) {
        List<StoredVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        if (number.isEmpty()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == number.get()).findFirst()
                .orElseThrow(() -> new RegistryErrorException(RegistryErrorCode.VERSION_NOT_FOUND,
                        "Version " + number.get() + " not found for subject '" + subject + "'"));
    }

    public CompatibilityLevel globalLevel() {
        return store.read(state -> state.globalLevel().orElse(defaultLevel));
    }

    public CompatibilityLevel setGlobalLevel(String levelName) {
        CompatibilityLevel level = parseLevel(levelName);
        store.append(new CompatibilityChange(Optional.empty(), Optional.of(level)));
        return level;
    }

    /**
     * The subject's own level; when it has none, the global level if {@code defaultToGlobal},
     * else error 40408.
     */
    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return store.read(state -> state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel().orElse(defaultLevel);
            }
            throw new RegistryErrorException(RegistryErrorCode.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured");
        }));
    }

    public CompatibilityLevel setSubjectLevel(String subject, String levelName) {
        CompatibilityLevel level = parseLevel(levelName);
        store.append(new CompatibilityChange(Optional.of(subject), Optional.of(level)));
        return level;
    }

    /** Removes the subject's own level; returns the level it had. */
    public CompatibilityLevel deleteSubjectLevel(String subject) {
        CompatibilityLevel previous = store.read(state -> state.subjectLevel(subject)).orElseThrow(
                () -> new RegistryErrorException(RegistryErrorCode.SUBJECT_NOT_FOUND,
                        "Subject '" + subject + "' has no compatibility level of its own to delete"));
        store.append(new CompatibilityChange(Optional.of(subject), Optional.empty()));
        return previous;
    }

    /**
     * Checks the schema against one version of the subject ({@code latest} included), or, when
     * {@code versionSpec} is empty, against the versions the subject's level covers.
     */
    public Verdict checkCompatibility(String subject, Optional<String> versionSpec, String schemaText,
                                      List<SchemaReference> references) {
        Optional<Optional<Integer>> target = versionSpec.map(SchemaRegistry::parseVersion);
        return store.read(state -> {
            Schema schema = ReferencedSchemas.parse(state, schemaText, references, false).schema();
            CompatibilityLevel level = effectiveLevel(state, subject);
            List<StoredVersion> live = state.versions(subject, false);
            List<StoredVersion> against;
            if (target.isPresent() && target.get().isPresent()) {
                against = List.of(find(state, subject, target.get(), false));
            } else if (live.isEmpty()) {
                against = List.of();
            } else if (target.isPresent() || !level.transitive()) {
                against = List.of(live.get(live.size() - 1));
            } else {
                against = live;
            }
            List<String> problems = CompatibilityChecker.problems(level, schema, earlier(state, against));
            return new Verdict(problems.isEmpty(), problems);
        });
    }

    /** Deletes every version of a subject (soft, or permanent after a soft delete); returns them. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<StoredVersion> all = store.read(state -> state.versions(subject, true));
        if (all.isEmpty()) {
            throw subjectNotFound(subject);
        }
        List<Integer> deleted = new ArrayList<>();
        for (StoredVersion version : all) {
            if (!permanent && version.deleted()) {
                continue;
            }
            List<StoredVersion> referrers = store.read(state -> state.referrers(subject, version.version(), permanent))
                    .stream().filter(referrer -> !referrer.subject().equals(subject)).toList();
            if (!referrers.isEmpty()) {
                throw referenceExists(version, referrers);
            }
            if (permanent && !version.deleted()) {
                throw new RegistryErrorException(RegistryErrorCode.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                        + "' was not deleted first before being permanently deleted");
            }
            deleted.add(version.version());
        }
        if (deleted.isEmpty()) {
            throw new RegistryErrorException(RegistryErrorCode.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted. Set permanent=true to delete permanently");
        }
        for (int version : deleted) {
            store.append(new VersionDeletion(subject, version, permanent));
        }
        if (permanent) {
            store.append(new CompatibilityChange(Optional.of(subject), Optional.empty()));
        }
        return deleted;
    }

    /** Deletes one version (soft, or permanent after a soft delete); returns its number. */
    public int deleteVersion(String subject, String versionSpec, boolean permanent) {
        Optional<Integer> number = parseVersion(versionSpec);
        // a numbered version is found even when soft-deleted, so deleting it again gets the right error
        StoredVersion version = store.read(state -> find(state, subject, number, number.isPresent()));
        if (!permanent && version.deleted()) {
            throw new RegistryErrorException(RegistryErrorCode.VERSION_SOFT_DELETED, "Version " + version.version()
                    + " of subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
        }
        // a soft delete leaves the version readable, so only live referrers forbid it; a permanent one
        // removes it, so any referrer does, until that is permanently deleted too (as Confluent's registry)
        List<StoredVersion> referrers = store.read(state -> state.referrers(subject, version.version(), permanent));
        if (!referrers.isEmpty()) {
            throw referenceExists(version, referrers);
        }
        if (permanent && !version.deleted()) {
            throw new RegistryErrorException(RegistryErrorCode.VERSION_NOT_SOFT_DELETED, "Version " + version.version()
                    + " of subject '" + subject + "' was not deleted first before being permanently deleted");
        }
        if (!store.append(new VersionDeletion(subject, version.version(), permanent))) {
            throw new RegistryErrorException(RegistryErrorCode.VERSION_NOT_FOUND,
                    "Version " + version.version() + " not found for subject '" + subject + "'");
        }
        return version.version();
    }

    private CompatibilityLevel effectiveLevel(RegistryState state, String subject) {
        return state.subjectLevel(subject).or(state::globalLevel).orElse(defaultLevel);
    }

    private List<CompatibilityChecker.Earlier> earlier(RegistryState state, List<StoredVersion> versions) {
        return versions.stream()
                .map(v -> new CompatibilityChecker.Earlier(v.version(),
                        parsedById.computeIfAbsent(v.id(), id -> ReferencedSchemas.parse(state, v.definition()))))
                .toList();
    }

    private static RegistryErrorException referenceExists(StoredVersion version, List<StoredVersion> referrers) {
        String by = referrers.stream()
                .map(r -> "version " + r.version() + " of subject '" + r.subject() + "' (id " + r.id()
                        + (r.deleted() ? ", soft-deleted" : "") + ")")
                .collect(Collectors.joining(", "));
        return new RegistryErrorException(RegistryErrorCode.REFERENCE_EXISTS, "One or more references exist to the schema "
                + "{subject=" + version.subject() + ", version=" + version.version() + "}: referenced by " + by
                + "; delete those first");
    }

    /** Empty for "latest" / -1, else the version number (1 and up). */
    private static Optional<Integer> parseVersion(String versionSpec) {
        String text = versionSpec == null ? "" : versionSpec.trim();
        if (text.equalsIgnoreCase("latest") || text.equals("-1")) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RegistryErrorException(RegistryErrorCode.INVALID_VERSION, "The specified version '" + versionSpec
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static CompatibilityLevel parseLevel(String levelName) {
        try {
            return CompatibilityLevel.parse(levelName);
        } catch (IllegalArgumentException e) {
            throw new RegistryErrorException(RegistryErrorCode.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level: " + e.getMessage());
        }
    }

    private static RegistryErrorException subjectNotFound(String subject) {
        return new RegistryErrorException(RegistryErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    private static RegistryErrorException schemaNotFound(int id) {
        return new RegistryErrorException(RegistryErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
}
