package io.bayesfuse.schemas.registry;

/**
 * The error codes of the Confluent Schema Registry v1 API, with the HTTP status each travels with.
 * An error body is {@code {"error_code": 40401, "message": "..."}}.
 */
public enum RegistryErrorCode {
    BAD_REQUEST(400, 400),
    UNAUTHORIZED(401, 401),
    NOT_FOUND(404, 404),
    METHOD_NOT_ALLOWED(405, 405),
    INCOMPATIBLE_SCHEMA(409, 409),
    UNSUPPORTED_MEDIA_TYPE(415, 415),
    SUBJECT_NOT_FOUND(40401, 404),
    VERSION_NOT_FOUND(40402, 404),
    SCHEMA_NOT_FOUND(40403, 404),
    SUBJECT_SOFT_DELETED(40404, 404),
    SUBJECT_NOT_SOFT_DELETED(40405, 404),
    VERSION_SOFT_DELETED(40406, 404),
    VERSION_NOT_SOFT_DELETED(40407, 404),
    SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED(40408, 404),
    INVALID_SCHEMA(42201, 422),
    INVALID_VERSION(42202, 422),
    INVALID_COMPATIBILITY_LEVEL(42203, 422),
    REFERENCE_EXISTS(42206, 422),
    STORE_ERROR(50001, 500),
    OPERATION_TIMEOUT(50002, 500);

    private final int code;
    private final int httpStatus;

    RegistryErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The {@code error_code} value of the JSON error body. */
    public int code() {
        return code;
    }

    /** The HTTP status the error is sent with. */
    public int httpStatus() {
        return httpStatus;
    }
}
