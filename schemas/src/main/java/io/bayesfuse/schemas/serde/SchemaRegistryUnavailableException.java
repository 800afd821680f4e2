package io.bayesfuse.schemas.serde;

/** No schema registry URL answered while a schema was being registered or fetched. */
public class SchemaRegistryUnavailableException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
