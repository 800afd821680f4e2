package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a candidate schema against earlier versions under a compatibility level, with Avro's own
 * {@link SchemaCompatibility}: "new reads old" checks the candidate as reader of data written with
 * each earlier schema, "old reads new" the reverse. Which earlier versions to pass (the latest, or
 * all for the _TRANSITIVE levels) is the caller's choice.
 */
final class CompatibilityChecker {

    /** An earlier schema with the version it was registered as, for messages. */
    record Earlier(int version, Schema schema) { }

    private CompatibilityChecker() {
    }

    /** The reasons the candidate is incompatible; empty when it is compatible. */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
        List<String> problems = new ArrayList<>();
        for (Earlier previous : earlier) {
            if (level.newReadsOld()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous.schema()),
                        "the new schema cannot read data written with version " + previous.version(), problems);
            }
            if (level.oldReadsNew()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(previous.schema(), candidate),
                        "version " + previous.version() + " cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility pair, String context, List<String> problems) {
        if (pair.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            problems.add(context + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
    }
}
