package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.RegistryErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.bayesfuse.schemas.registry.CompatibilityLevel.BACKWARD;
import static io.bayesfuse.schemas.registry.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static io.bayesfuse.schemas.registry.CompatibilityLevel.FORWARD;
import static io.bayesfuse.schemas.registry.CompatibilityLevel.FORWARD_TRANSITIVE;
import static io.bayesfuse.schemas.registry.CompatibilityLevel.FULL;
import static io.bayesfuse.schemas.registry.CompatibilityLevel.FULL_TRANSITIVE;
import static io.bayesfuse.schemas.registry.CompatibilityLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every compatibility level against the evolutions that tell the levels apart. Each case
 * registers a history under NONE, sets the subject's level, then registers a candidate: it must
 * be accepted or refused (409), and the compatibility endpoint must agree.
 */
class CompatibilityLevelsTest {

    private static final boolean ACCEPTED = true;
    private static final boolean REFUSED = false;

    // Versions of a record "R"; names say what changed.
    private static final String A = record("{\"name\":\"a\",\"type\":\"int\"}");
    private static final String A_B_DEFAULTED = record("{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");
    private static final String A_B_REQUIRED = record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}");
    private static final String A_C_DEFAULTED = record("{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"c\",\"type\":\"int\",\"default\":0}");
    private static final String A_AS_LONG = record("{\"name\":\"a\",\"type\":\"long\"}");
    private static final String A_AS_STRING = record("{\"name\":\"a\",\"type\":\"string\"}");
    private static final String OTHER_NAME = "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}";
    }

    static Stream<Arguments> evolutions() {
        List<Arguments> cases = new ArrayList<>();
        // add a field without a default: new readers cannot read old data, old readers ignore it
        add(cases, "adding a field without default", List.of(A), A_B_REQUIRED,
                NONE, ACCEPTED, BACKWARD, REFUSED, BACKWARD_TRANSITIVE, REFUSED, FORWARD, ACCEPTED,
                FORWARD_TRANSITIVE, ACCEPTED, FULL, REFUSED, FULL_TRANSITIVE, REFUSED);
        // add a field with a default: safe both ways
        add(cases, "adding a field with default", List.of(A), A_B_DEFAULTED,
                NONE, ACCEPTED, BACKWARD, ACCEPTED, BACKWARD_TRANSITIVE, ACCEPTED, FORWARD, ACCEPTED,
                FORWARD_TRANSITIVE, ACCEPTED, FULL, ACCEPTED, FULL_TRANSITIVE, ACCEPTED);
        // remove a field without a default: old readers miss it
        add(cases, "removing a field without default", List.of(A_B_REQUIRED), A,
                NONE, ACCEPTED, BACKWARD, ACCEPTED, BACKWARD_TRANSITIVE, ACCEPTED, FORWARD, REFUSED,
                FORWARD_TRANSITIVE, REFUSED, FULL, REFUSED, FULL_TRANSITIVE, REFUSED);
        // remove a field with a default: old readers use the default
        add(cases, "removing a field with default", List.of(A_B_DEFAULTED), A,
                NONE, ACCEPTED, BACKWARD, ACCEPTED, BACKWARD_TRANSITIVE, ACCEPTED, FORWARD, ACCEPTED,
                FORWARD_TRANSITIVE, ACCEPTED, FULL, ACCEPTED, FULL_TRANSITIVE, ACCEPTED);
        // int -> long: a long reader reads ints (promotion), an int reader cannot read longs
        add(cases, "widening int to long", List.of(A), A_AS_LONG,
                NONE, ACCEPTED, BACKWARD, ACCEPTED, BACKWARD_TRANSITIVE, ACCEPTED, FORWARD, REFUSED,
                FORWARD_TRANSITIVE, REFUSED, FULL, REFUSED, FULL_TRANSITIVE, REFUSED);
        // int -> string: no promotion either way
        add(cases, "changing int to string", List.of(A), A_AS_STRING,
                NONE, ACCEPTED, BACKWARD, REFUSED, BACKWARD_TRANSITIVE, REFUSED, FORWARD, REFUSED,
                FORWARD_TRANSITIVE, REFUSED, FULL, REFUSED, FULL_TRANSITIVE, REFUSED);
        // renaming the record: Avro matches records by name
        add(cases, "renaming the record", List.of(A), OTHER_NAME,
                NONE, ACCEPTED, BACKWARD, REFUSED, FORWARD, REFUSED, FULL, REFUSED);
        // transitive levels look past the latest version:
        // b required reads v2 (which writes b) but not v1 (which has no b and b has no default)
        add(cases, "requiring a field only the latest version writes", List.of(A, A_B_DEFAULTED), A_B_REQUIRED,
                BACKWARD, ACCEPTED, BACKWARD_TRANSITIVE, REFUSED, FULL, ACCEPTED, FULL_TRANSITIVE, REFUSED);
        // v2 dropped the required b of v1; v3 is readable by v2 but v1 still needs b
        add(cases, "a change only the latest version can read", List.of(A_B_REQUIRED, A), A_C_DEFAULTED,
                FORWARD, ACCEPTED, FORWARD_TRANSITIVE, REFUSED);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String evolution, List<String> history, String candidate,
                            Object... levelsAndOutcomes) {
        for (int i = 0; i < levelsAndOutcomes.length; i += 2) {
            cases.add(Arguments.of(levelsAndOutcomes[i], evolution, history, candidate,
                    (Boolean) levelsAndOutcomes[i + 1] ? "accepted" : "refused"));
        }
    }

    @ParameterizedTest(name = "{0}: {1} is {4}")
    @MethodSource("evolutions")
    void eachLevelAcceptsAndRefusesTheRightEvolutions(CompatibilityLevel level, String evolution, List<String> history,
                                                       String candidate, String outcome) {
        SchemaRegistry registry = new SchemaRegistry(new InMemorySchemaStore(), NONE);
        for (String schema : history) {
            registry.register("subject", schema);
        }
        registry.setSubjectLevel("subject", level.name());

        boolean expectAccepted = outcome.equals("accepted");
        assertThat(registry.checkCompatibility("subject", Optional.empty(), candidate, List.of()).compatible())
                .as("the compatibility endpoint's verdict").isEqualTo(expectAccepted);
        if (expectAccepted) {
            assertThat(registry.register("subject", candidate)).isPositive();
            assertThat(registry.versions("subject", false)).hasSize(history.size() + 1);
        } else {
            assertThatThrownBy(() -> registry.register("subject", candidate))
                    .isInstanceOfSatisfying(RegistryErrorException.class,
                            e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.INCOMPATIBLE_SCHEMA))
                    .hasMessageContaining(level.name());
            assertThat(registry.versions("subject", false)).hasSize(history.size());
        }
    }
}
