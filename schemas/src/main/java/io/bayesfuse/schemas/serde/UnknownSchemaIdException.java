package io.bayesfuse.schemas.serde;

/** The schema id in a record's header is not in the registry. */
public class UnknownSchemaIdException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public UnknownSchemaIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
