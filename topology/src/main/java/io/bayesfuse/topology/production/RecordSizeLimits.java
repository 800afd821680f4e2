package io.bayesfuse.topology.production;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The largest record bayesfuse may produce to each topic: the smaller of the producer's
 * {@code max.request.size} and the topic's {@code max.message.bytes} when it is known. Under
 * exactly-once a record the producer or the broker refuses aborts the whole transaction (the
 * producer enters an abortable error state), so a dead letter written beside it would be lost too
 * and the same input would fail again after the restart. The only way to keep running is to refuse
 * such a record before it is sent: {@link SizeLimitedSerializer} does that with these limits.
 *
 * <p>The topics' limits come from the Kafka Streams settings, as {@value #TOPIC_LIMIT_PREFIX}{@code
 * <topic>} entries: {@code run} reads every topic's {@code max.message.bytes} from the cluster
 * when it starts. A topic without an entry is bound by the producer's limit only.
 *
 * <p>Sizes are upper bounds of the record batch the record travels in alone, as Kafka computes them
 * (the broker checks a batch against {@code max.message.bytes}; a producer batch of several records
 * that is too large is split and sent again by the producer). The key is not known where the value
 * is serialized, so {@link #KEY_ALLOWANCE} bytes are reserved for it.
 */
public final class RecordSizeLimits {

    /** The settings prefix of a topic's {@code max.message.bytes}, e.g. {@code bayesfuse.max.message.bytes.bayesfuse.estimates}. */
    public static final String TOPIC_LIMIT_PREFIX = "bayesfuse.max.message.bytes.";
    /** Bytes reserved for the key of a record whose value is checked (entity, quantity and sensor ids are shorter). */
    public static final int KEY_ALLOWANCE = 512;
    /** Kafka's default {@code max.request.size}. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** A record batch's header (magic v2). */
    private static final int BATCH_OVERHEAD = 61;
    /** A record's own framing at most: length, attributes, timestamp and offset deltas (varints at their widest). */
    private static final int RECORD_OVERHEAD = 21;
    private static final int VARINT = 5;

    private final int maxRequestSize;
    private final Map<String, Integer> topicLimits;

    public RecordSizeLimits(int maxRequestSize, Map<String, Integer> topicLimits) {
        this.maxRequestSize = maxRequestSize;
        this.topicLimits = Map.copyOf(topicLimits);
    }

    /** The limits in Kafka Streams settings (what handlers and serdes are configured with). */
    public static RecordSizeLimits fromSettings(Map<String, ?> settings) {
        int maxRequestSize = intSetting(settings, StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                intSetting(settings, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DEFAULT_MAX_REQUEST_SIZE));
        Map<String, Integer> topics = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(TOPIC_LIMIT_PREFIX) && value != null) {
                topics.put(key.substring(TOPIC_LIMIT_PREFIX.length()), Integer.parseInt(value.toString().trim()));
            }
        });
        return new RecordSizeLimits(maxRequestSize, topics);
    }

    /** The settings entry that tells {@link #fromSettings} a topic's {@code max.message.bytes}. */
    public static String topicLimitSetting(String topic) {
        return TOPIC_LIMIT_PREFIX + topic;
    }

    private static int intSetting(Map<String, ?> settings, String name, int otherwise) {
        Object value = settings.get(name);
        return value == null ? otherwise : Integer.parseInt(value.toString().trim());
    }

    /** The largest record (as a batch of its own) that may be produced to {@code topic}. */
    public int limit(String topic) {
        Integer topicLimit = topicLimits.get(topic);
        return topicLimit == null ? maxRequestSize : Math.min(topicLimit, maxRequestSize);
    }

    /** The settings that bound records of {@code topic}, for messages that tell what to raise. */
    public String describe(String topic) {
        Integer topicLimit = topicLimits.get(topic);
        String producer = "the producer's " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG + " (" + maxRequestSize + ")";
        if (topicLimit == null) {
            return producer;
        }
        return "the topic's " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + " (" + topicLimit + ") and " + producer;
    }

    /** An upper bound of the batch a record with these parts travels in alone. */
    public static int recordSize(int keyBytes, int valueBytes, Headers headers) {
        int size = BATCH_OVERHEAD + RECORD_OVERHEAD + VARINT + Math.max(0, keyBytes) + VARINT + Math.max(0, valueBytes) + VARINT;
        if (headers != null) {
            for (Header header : headers) {
                size += 2 * VARINT + header.key().getBytes(StandardCharsets.UTF_8).length
                        + (header.value() == null ? 0 : header.value().length);
            }
        }
        return size;
    }

    /** Whether a record of {@code size} bytes ({@link #recordSize}) may be produced to {@code topic}. */
    public boolean fits(String topic, int size) {
        return size <= limit(topic);
    }
}
