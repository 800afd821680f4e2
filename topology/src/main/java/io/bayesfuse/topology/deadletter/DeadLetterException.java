package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetterReason;

import java.util.Objects;

/**
 * Thrown by a processor for an input record it will not apply, before it changes any state. The
 * processing exception handler turns it into a {@code DeadLetter} carrying the reason, the message
 * and the record's original bytes; processing continues with the next record. Stack traces are not
 * filled in: this is an expected outcome for bad input, not a bug.
 */
public final class DeadLetterException extends RuntimeException {

    private final DeadLetterReason reason;

    public DeadLetterException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DeadLetterException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
