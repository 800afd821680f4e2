package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.RegistryErrorCode;

/** The registry refuses a request; the HTTP layer sends {@link #code()} and the message as JSON. */
public class RegistryErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RegistryErrorCode code;

    public RegistryErrorException(RegistryErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public RegistryErrorException(RegistryErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public RegistryErrorCode code() {
        return code;
    }
}
