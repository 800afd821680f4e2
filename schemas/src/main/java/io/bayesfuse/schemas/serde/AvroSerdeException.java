package io.bayesfuse.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be turned into Confluent wire-format bytes or back. The message names the
 * topic, the schema id (when one could be read or assigned) and the cause.
 */
public class AvroSerdeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public AvroSerdeException(String message) {
        super(message);
    }

    public AvroSerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
