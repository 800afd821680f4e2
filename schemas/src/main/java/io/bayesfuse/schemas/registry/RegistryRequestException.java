package io.bayesfuse.schemas.registry;

/**
 * The registry answered a request with an error: the HTTP status, the Confluent
 * {@code error_code} and the registry's own message are kept.
 */
public class RegistryRequestException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    public RegistryRequestException(String request, int httpStatus, int errorCode, String registryMessage) {
        super(request + " failed: HTTP " + httpStatus + ", error " + errorCode + ": " + registryMessage);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent error code (e.g. 40403), or the HTTP status when the body carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** The message the registry gave. */
    public String registryMessage() {
        return registryMessage;
    }

    /** Whether this is the given Confluent error. */
    public boolean is(RegistryErrorCode code) {
        return errorCode == code.code();
    }
}
