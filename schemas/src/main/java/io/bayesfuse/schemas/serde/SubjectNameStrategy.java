package io.bayesfuse.schemas.serde;

import org.apache.avro.Schema;

/**
 * Names the registry subject a record's schema is registered or looked up under. Configure with
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy}
 * (see {@link SubjectNameStrategies} for the accepted names).
 */
public interface SubjectNameStrategy {

    /**
     * @throws AvroSerdeException when the strategy cannot name a subject for this schema
     */
    String subjectName(String topic, boolean isKey, Schema schema);
}
