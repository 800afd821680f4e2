package io.bayesfuse.schemas;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Measurement;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroClassTrustTest {

    @Test
    void generatedRecordsAndEnumsAreTrustedAndNothingElse() {
        AvroClassTrust.install();
        assertThatCode(() -> ClassSecurityValidator.validate(Measurement.class)).doesNotThrowAnyException();
        assertThatCode(() -> ClassSecurityValidator.validate(DeadLetterReason.class)).doesNotThrowAnyException();
        assertThat(AvroClassTrust.isGenerated(java.io.File.class)).isFalse();
        assertThatThrownBy(() -> ClassSecurityValidator.validate(java.io.File.class)).isInstanceOf(SecurityException.class);
    }
}
