package io.bayesfuse.schemas.registry;

/** A Schema Registry call failed: the registry refused it or could not be reached. */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
