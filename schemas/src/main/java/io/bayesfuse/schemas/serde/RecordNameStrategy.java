package io.bayesfuse.schemas.serde;

import org.apache.avro.Schema;

/** The record's full name: one lineage per record type, across topics. */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return fullName(schema, "RecordNameStrategy", topic);
    }

    static String fullName(Schema schema, String strategy, String topic) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> throw new AvroSerdeException("topic '" + topic + "': " + strategy
                    + " needs a named schema (record, enum or fixed) but the data's schema is '" + schema.getType()
                    .getName() + "'; use TopicNameStrategy for primitive keys or values");
        };
    }
}
