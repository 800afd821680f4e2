package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.SchemaReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The acceptance rules that let several registry instances write to one log without colliding. */
class RegistryStateTest {

    private final RegistryState state = new RegistryState();

    @Test
    void idsAndVersionsStartAtOne() {
        assertThat(state.nextId()).isEqualTo(1);
        assertThat(state.nextVersion("s")).isEqualTo(1);
    }

    @Test
    void acceptsAClaimOfTheNextVersionWithAFreshId() {
        assertThat(state.apply(new SchemaClaim("s", 1, 1, "A"))).isTrue();
        assertThat(state.schemaById(1)).contains(SchemaDefinition.of("A"));
        assertThat(state.nextId()).isEqualTo(2);
        assertThat(state.nextVersion("s")).isEqualTo(2);
    }

    @Test
    void reapplyingAnAcceptedClaimIsAcceptedAndChangesNothing() {
        state.apply(new SchemaClaim("s", 1, 1, "A"));
        assertThat(state.apply(new SchemaClaim("s", 1, 1, "A"))).isTrue();
        assertThat(state.versions("s", true)).hasSize(1);
    }

    @Test
    void theSecondOfTwoWritersRacingForTheSameIdLoses() {
        assertThat(state.apply(new SchemaClaim("s", 1, 1, "A"))).isTrue();
        assertThat(state.apply(new SchemaClaim("t", 1, 1, "B"))).isFalse();
        assertThat(state.subjects(true)).containsExactly("s");
    }

    @Test
    void theSameTextWithOtherReferencesIsAnotherSchemaAndCannotShareItsId() {
        List<SchemaReference> references = List.of(new SchemaReference("B", "b", 1));
        assertThat(state.apply(new SchemaClaim("s", 1, 1, "A", references))).isTrue();
        assertThat(state.apply(new SchemaClaim("t", 1, 1, "A"))).isFalse();
        assertThat(state.apply(new SchemaClaim("t", 1, 2, "A"))).isTrue();
        assertThat(state.idOf(new SchemaDefinition("A", references))).contains(1);
        assertThat(state.idOf(SchemaDefinition.of("A"))).contains(2);
    }

    @Test
    void theSecondOfTwoWritersRacingForTheSameVersionLoses() {
        assertThat(state.apply(new SchemaClaim("s", 1, 1, "A"))).isTrue();
        assertThat(state.apply(new SchemaClaim("s", 1, 2, "B"))).isFalse();
        assertThat(state.schemaById(2)).isEmpty();
    }

    @Test
    void aClaimThatSkipsAVersionIsRefused() {
        assertThat(state.apply(new SchemaClaim("s", 2, 1, "A"))).isFalse();
    }

    @Test
    void aSchemaKeepsItsFirstIdAndCannotBeClaimedUnderAnother() {
        state.apply(new SchemaClaim("s", 1, 1, "A"));
        assertThat(state.apply(new SchemaClaim("t", 1, 2, "A"))).isFalse();
        assertThat(state.apply(new SchemaClaim("t", 1, 1, "A"))).isTrue();
    }

    @Test
    void aSubjectCannotHoldTheSameSchemaInTwoLiveVersions() {
        state.apply(new SchemaClaim("s", 1, 1, "A"));
        assertThat(state.apply(new SchemaClaim("s", 2, 1, "A"))).isFalse();
    }

    @Test
    void versionNumbersAreNotReusedAfterAPermanentDeletion() {
        state.apply(new SchemaClaim("s", 1, 1, "A"));
        state.apply(new VersionDeletion("s", 1, false));
        state.apply(new VersionDeletion("s", 1, true));
        assertThat(state.subjects(true)).isEmpty();
        assertThat(state.schemaById(1)).contains(SchemaDefinition.of("A"));
        assertThat(state.nextVersion("s")).isEqualTo(2);
        assertThat(state.apply(new SchemaClaim("s", 1, 1, "A"))).isFalse();
        assertThat(state.apply(new SchemaClaim("s", 2, 1, "A"))).isTrue();
    }

    @Test
    void aSoftDeletedVersionIsHiddenButKept() {
        state.apply(new SchemaClaim("s", 1, 1, "A"));
        assertThat(state.apply(new VersionDeletion("s", 1, false))).isTrue();
        assertThat(state.versions("s", false)).isEmpty();
        assertThat(state.versions("s", true)).extracting(StoredVersion::deleted).containsExactly(true);
        assertThat(state.subjects(false)).isEmpty();
        assertThat(state.subjects(true)).containsExactly("s");
    }

    @Test
    void deletingAVersionThatIsNotThereIsRefused() {
        assertThat(state.apply(new VersionDeletion("s", 1, false))).isFalse();
    }

    @Test
    void compatibilityLevelsAreSetAndRemovedGloballyAndPerSubject() {
        state.apply(new CompatibilityChange(Optional.empty(), Optional.of(CompatibilityLevel.FULL)));
        state.apply(new CompatibilityChange(Optional.of("s"), Optional.of(CompatibilityLevel.NONE)));
        assertThat(state.globalLevel()).contains(CompatibilityLevel.FULL);
        assertThat(state.subjectLevel("s")).contains(CompatibilityLevel.NONE);

        state.apply(new CompatibilityChange(Optional.of("s"), Optional.empty()));
        assertThat(state.subjectLevel("s")).isEmpty();
    }
}
