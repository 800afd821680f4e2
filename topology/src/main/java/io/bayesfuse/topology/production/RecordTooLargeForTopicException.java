package io.bayesfuse.topology.production;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An output record larger than its topic accepts, refused before it is sent (see
 * {@link RecordSizeLimits} for why before). Thrown from a serializer, so that Kafka Streams hands
 * it to the production exception handler, which dead-letters the input record that produced it.
 * No stack trace: the message says everything.
 */
public final class RecordTooLargeForTopicException extends SerializationException {

    private final String topic;
    private final int size;
    private final int limit;

    public RecordTooLargeForTopicException(String topic, int size, int limit, String limitedBy) {
        super("a record for topic '" + topic + "' would be " + size + " bytes, more than the " + limit
                + " bytes the topic accepts (set by " + limitedBy + "); raise them to publish it", null);
        this.topic = topic;
        this.size = size;
        this.limit = limit;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public String topic() {
        return topic;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
