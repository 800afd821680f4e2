package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.SchemaReference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryRecordCodecTest {

    private final RegistryRecordCodec codec = new RegistryRecordCodec();

    private RegistryRecord roundTrip(RegistryRecord record) {
        RegistryRecordCodec.Encoded encoded = codec.encode(record);
        return codec.decode(encoded.key(), encoded.value()).orElseThrow();
    }

    @Test
    void everyKindOfRecordSurvivesEncoding() {
        SchemaClaim claim = new SchemaClaim("s", 3, 7, "{\"type\":\"string\"}");
        VersionDeletion deletion = new VersionDeletion("s", 3, true);
        CompatibilityChange global = new CompatibilityChange(Optional.empty(), Optional.of(CompatibilityLevel.FULL));
        CompatibilityChange removal = new CompatibilityChange(Optional.of("s"), Optional.empty());
        assertThat(roundTrip(claim)).isEqualTo(claim);
        assertThat(roundTrip(deletion)).isEqualTo(deletion);
        assertThat(roundTrip(global)).isEqualTo(global);
        assertThat(roundTrip(removal)).isEqualTo(removal);
    }

    @Test
    void aClaimKeepsItsReferencesAndTheyTellClaimsApart() {
        SchemaClaim plain = new SchemaClaim("s", 1, 1, "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"b\",\"type\":\"B\"}]}");
        SchemaClaim referencing = new SchemaClaim(plain.subject(), 1, 1, plain.schema(), List.of(new SchemaReference("B", "b-subject", 2)));
        assertThat(roundTrip(referencing)).isEqualTo(referencing);
        assertThat(roundTrip(plain)).isEqualTo(plain);
        assertThat(codec.encode(referencing).key()).isNotEqualTo(codec.encode(plain).key());
        assertThat(new String(codec.encode(plain).value(), StandardCharsets.UTF_8))
                .as("a claim without references is written as before references existed").doesNotContain("references");
    }

    @Test
    void aRemovedCompatibilityLevelIsATombstone() {
        assertThat(codec.encode(new CompatibilityChange(Optional.of("s"), Optional.empty())).value()).isNull();
    }

    @Test
    void competingClaimsHaveDifferentKeysSoCompactionKeepsTheWinner() {
        byte[] winner = codec.encode(new SchemaClaim("s", 1, 1, "A")).key();
        byte[] loser = codec.encode(new SchemaClaim("s", 1, 1, "B")).key();
        byte[] repeat = codec.encode(new SchemaClaim("s", 1, 1, "A")).key();
        assertThat(winner).isNotEqualTo(loser);
        assertThat(winner).isEqualTo(repeat);
    }

    @Test
    void softAndPermanentDeletionsOfAVersionHaveDifferentKeys() {
        assertThat(codec.encode(new VersionDeletion("s", 1, false)).key())
                .isNotEqualTo(codec.encode(new VersionDeletion("s", 1, true)).key());
    }

    @Test
    void recordsOfOtherKindsOrWithoutKeyAreIgnored() {
        assertThat(codec.decode(bytes("{\"keytype\":\"NOOP\"}"), null)).isEmpty();
        assertThat(codec.decode(null, bytes("{}"))).isEmpty();
        // Confluent's own schema records carry no fingerprint: not ours to interpret
        assertThat(codec.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}"),
                bytes("{\"subject\":\"s\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}"))).isEmpty();
    }

    @Test
    void aMalformedRecordOfAKnownKindIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> codec.decode(bytes("{\"keytype\":\"DELETE_VERSION\",\"subject\":\"s\"}"), bytes("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'version'");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
