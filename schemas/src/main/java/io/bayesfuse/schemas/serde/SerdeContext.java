package io.bayesfuse.schemas.serde;

/** How error messages name the record being (de)serialized. */
final class SerdeContext {

    private SerdeContext() {
    }

    /** e.g. {@code topic 'measurements' (value)}. */
    static String describe(String topic, boolean isKey) {
        return "topic '" + topic + "' (" + (isKey ? "key" : "value") + ")";
    }
}
