package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.RegistryErrorCode;
import io.bayesfuse.schemas.registry.SchemaReference;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a schema together with the schemas its references name, as Confluent's Avro provider
 * does: the referenced versions are parsed first into the same Avro parser (each after the
 * versions its own references name, recursively; a name already resolved is not resolved again),
 * so the names the schema uses without defining them resolve. The canonical text of a schema with
 * references names the referenced types instead of repeating them.
 */
final class ReferencedSchemas {

    /** A schema parsed with its references resolved, and what it is stored as. */
    record Parsed(Schema schema, SchemaDefinition definition) { }

    private ReferencedSchemas() {
    }

    /**
     * Parses a schema whose references name versions held in {@code state}.
     *
     * @param allowDeleted whether a reference may name a soft-deleted version (reading what is
     *                     registered: yes; registering or checking a new schema: no)
     * @throws RegistryErrorException {@code INVALID_SCHEMA} when the text is not Avro, a reference
     *                                names no version, or a name stays unresolved
     */
    static Parsed parse(RegistryState state, String text, List<SchemaReference> references, boolean allowDeleted) {
        if (text == null || text.isBlank()) {
            throw invalid("the request has no schema");
        }
        List<SchemaReference> named = new ArrayList<>();
        Map<String, StoredVersion> resolved = new LinkedHashMap<>();
        for (SchemaReference reference : references) {
            StoredVersion target = find(state, reference, allowDeleted);
            named.add(new SchemaReference(reference.name(), reference.subject(), target.version()));
            resolveInto(state, reference.name(), target, resolved);
        }
        Schema.Parser parser = new Schema.Parser();
        List<Schema> referenced = new ArrayList<>();
        for (Map.Entry<String, StoredVersion> entry : resolved.entrySet()) {
            referenced.add(parseWith(parser, entry.getValue().schema(), "referenced schema '" + entry.getKey()
                    + "' (subject '" + entry.getValue().subject() + "', version " + entry.getValue().version() + ")"));
        }
        Schema schema = parseWith(parser, text, references.isEmpty() ? "schema" : "schema with references " + named);
        String canonical = references.isEmpty() ? schema.toString() : schema.toString(referenced, false);
        return new Parsed(schema, new SchemaDefinition(canonical, named));
    }

    /** Parses what a stored version holds (its references may name soft-deleted versions). */
    static Schema parse(RegistryState state, SchemaDefinition stored) {
        return parse(state, stored.schema(), stored.references(), true).schema();
    }

    /** Adds the version's own references (depth first), then the version itself, unless the name is known. */
    private static void resolveInto(RegistryState state, String name, StoredVersion version,
                                    Map<String, StoredVersion> resolved) {
        if (resolved.containsKey(name)) {
            return;
        }
        for (SchemaReference inner : version.references()) {
            resolveInto(state, inner.name(), find(state, inner, true), resolved);
        }
        resolved.put(name, version);
    }

    private static StoredVersion find(RegistryState state, SchemaReference reference, boolean allowDeleted) {
        if (reference.version() == SchemaReference.LATEST) {
            List<StoredVersion> live = state.versions(reference.subject(), false);
            if (live.isEmpty()) {
                throw invalid("reference " + reference + ": subject '" + reference.subject() + "' has no live version");
            }
            return live.get(live.size() - 1);
        }
        StoredVersion version = state.version(reference.subject(), reference.version()).orElseThrow(
                () -> invalid("reference " + reference + ": no such version is registered"));
        if (version.deleted() && !allowDeleted) {
            throw invalid("reference " + reference + ": that version is deleted");
        }
        return version;
    }

    private static Schema parseWith(Schema.Parser parser, String text, String what) {
        try {
            return parser.parse(text);
        } catch (SchemaParseException | AvroTypeException e) {
            throw new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage()
                    + (what.equals("schema") ? "" : " (in the " + what + ")"), e);
        }
    }

    private static RegistryErrorException invalid(String problem) {
        return new RegistryErrorException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: " + problem);
    }
}
