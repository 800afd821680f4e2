package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.kernels.InvalidInputException;

/** The dead-letter reason for a kernel's complaint about its input. */
public final class DeadLetterReasons {

    private DeadLetterReasons() {
    }

    public static DeadLetterReason of(InvalidInputException e) {
        return switch (e.problem()) {
            case WRONG_DIMENSION, INCONSISTENT -> DeadLetterReason.WRONG_DIMENSION;
            case NON_FINITE -> DeadLetterReason.NON_FINITE;
            case NOT_POSITIVE_DEFINITE -> DeadLetterReason.NOT_POSITIVE_DEFINITE;
            case UNKNOWN_REFERENCE -> "sensorId".equals(e.field()) ? DeadLetterReason.UNKNOWN_SENSOR : DeadLetterReason.OTHER;
            case MISSING, OUT_OF_RANGE -> DeadLetterReason.OTHER;
        };
    }

    /** A {@link DeadLetterException} for a kernel's complaint, keeping its message. */
    public static DeadLetterException exception(InvalidInputException e) {
        return new DeadLetterException(of(e), e.getMessage(), e);
    }
}
