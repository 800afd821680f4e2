package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.testing.SensorReading;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategiesTest {

    private static final Schema READING = SensorReading.getClassSchema();
    private static final String KEY = "value.subject.name.strategy";

    private static String subject(Object setting, boolean isKey) {
        return SubjectNameStrategies.resolve(KEY, setting).subjectName("readings", isKey, READING);
    }

    @Test
    void topicNameIsTheDefault() {
        assertThat(subject(null, false)).isEqualTo("readings-value");
        assertThat(subject(null, true)).isEqualTo("readings-key");
    }

    @Test
    void acceptsShortNamesOurClassNamesAndConfluentsClassNames() {
        for (String name : new String[]{"RecordNameStrategy", RecordNameStrategy.class.getName(),
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"}) {
            assertThat(subject(name, false)).as(name).isEqualTo("io.bayesfuse.schemas.testing.SensorReading");
        }
        assertThat(subject("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", false))
                .isEqualTo("readings-io.bayesfuse.schemas.testing.SensorReading");
        assertThat(subject(TopicNameStrategy.class, true)).isEqualTo("readings-key");
    }

    @Test
    void acceptsAnInstance() {
        SubjectNameStrategy custom = (topic, isKey, schema) -> "custom-" + topic;
        assertThat(subject(custom, false)).isEqualTo("custom-readings");
    }

    @Test
    void anUnknownStrategyIsAConfigurationErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> subject("SubjectByColourStrategy", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("SubjectByColourStrategy")
                .hasMessageContaining("TopicRecordNameStrategy");
        assertThatThrownBy(() -> subject("java.lang.String", false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not implement");
    }

    @Test
    void recordNameStrategiesNeedANamedSchema() {
        assertThatThrownBy(() -> new RecordNameStrategy().subjectName("keys", true, Schema.create(Schema.Type.STRING)))
                .isInstanceOf(AvroSerdeException.class)
                .hasMessageContaining("topic 'keys'")
                .hasMessageContaining("'string'");
    }
}
