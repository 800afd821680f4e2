package io.bayesfuse.schemas.serde;

/** The bytes are not in the Confluent wire format (wrong magic byte, or too short for the header). */
public class InvalidWireFormatException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public InvalidWireFormatException(String message) {
        super(message);
    }
}
