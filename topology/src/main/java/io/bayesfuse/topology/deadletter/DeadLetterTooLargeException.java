package io.bayesfuse.topology.deadletter;

/**
 * A dead letter that the dead-letter topic would refuse even without the original record's bytes:
 * the record cannot be dead-lettered, and the application must stop rather than lose it. The
 * message names the record and the settings to raise.
 */
public final class DeadLetterTooLargeException extends RuntimeException {

    public DeadLetterTooLargeException(String deadLetterTopic, String sourceTopic, int partition, long offset, int size,
                                       int limit, String limitedBy) {
        super("the dead letter of " + sourceTopic + "-" + partition + "@" + offset + " would be " + size
                + " bytes, more than the " + limit + " bytes topic '" + deadLetterTopic + "' accepts (set by " + limitedBy
                + "); raise them", null, false, false);
    }
}
