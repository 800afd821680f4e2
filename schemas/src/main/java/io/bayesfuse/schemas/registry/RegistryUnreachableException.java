package io.bayesfuse.schemas.registry;

/** No configured registry URL answered (connection refused, timeout, TLS failure...). */
public class RegistryUnreachableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
