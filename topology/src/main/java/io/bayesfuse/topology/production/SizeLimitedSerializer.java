package io.bayesfuse.topology.production;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * A value serializer that refuses a value whose record would be larger than its topic accepts
 * ({@link RecordSizeLimits}), with a {@link RecordTooLargeForTopicException}, instead of handing the
 * producer a record that would abort the transaction.
 */
public final class SizeLimitedSerializer<T> implements Serializer<T> {

    private final Serializer<T> inner;
    private final RecordSizeLimits limits;

    public SizeLimitedSerializer(Serializer<T> inner, RecordSizeLimits limits) {
        this.inner = inner;
        this.limits = limits;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return check(topic, inner.serialize(topic, data), null);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        return check(topic, inner.serialize(topic, headers, data), headers);
    }

    private byte[] check(String topic, byte[] value, Headers headers) {
        int size = RecordSizeLimits.recordSize(RecordSizeLimits.KEY_ALLOWANCE, value == null ? 0 : value.length, headers);
        if (!limits.fits(topic, size)) {
            throw new RecordTooLargeForTopicException(topic, size, limits.limit(topic), limits.describe(topic));
        }
        return value;
    }

    @Override
    public void close() {
        inner.close();
    }
}
