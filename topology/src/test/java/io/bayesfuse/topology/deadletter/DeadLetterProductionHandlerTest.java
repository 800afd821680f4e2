package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.topology.production.RecordSizeLimits;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which production failures are dead-lettered and which stop the instance (see the handler's documentation). */
class DeadLetterProductionHandlerTest {

    private static final String DEAD_LETTERS = "app.dead-letters";
    private static final String ESTIMATES = "app.estimates";
    private static final String CHANGELOG = "app-bayesfuse-entities-changelog";

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static DeadLetterProductionHandler handler(String guarantee) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        settings.put("schema.registry.url", registry.url());
        settings.put(RecordSizeLimits.topicLimitSetting(ESTIMATES), 1_000);
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(settings);
        return handler;
    }

    /** The context of input record app.measurements-2@41. */
    private static ErrorHandlerContext input() {
        return new ErrorHandlerContext() {
            public String topic() { return "app.measurements"; }
            public int partition() { return 2; }
            public long offset() { return 41; }
            public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "estimates-sink"; }
            public TaskId taskId() { return new TaskId(0, 2); }
            public long timestamp() { return 1_000; }
            public byte[] sourceRawKey() { return "t1".getBytes(StandardCharsets.UTF_8); }
            public byte[] sourceRawValue() { return new byte[] {0, 0, 0, 0, 1, 2}; }
        };
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int valueBytes) {
        return new ProducerRecord<>(topic, null, 1_000L, "t1".getBytes(StandardCharsets.UTF_8), new byte[valueBytes]);
    }

    private static DeadLetter letter(Response response) {
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo(DEAD_LETTERS);
        try (SpecificAvroDeserializer<DeadLetter> deserializer = new SpecificAvroDeserializer<>(DeadLetter.class)) {
            deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
            return deserializer.deserialize(DEAD_LETTERS, dead.value());
        }
    }

    @Test
    void anOutputThatCouldNotBeSerializedDeadLettersItsInputWithItsCoordinatesAndCarriesOn() {
        Response response = handler(StreamsConfig.EXACTLY_ONCE_V2).handleSerializationError(input(),
                new ProducerRecord<>(ESTIMATES, "t1", "an estimate"),
                new io.bayesfuse.topology.production.RecordTooLargeForTopicException(ESTIMATES, 5_000, 1_000, "limits"),
                SerializationExceptionOrigin.VALUE);
        assertThat(response.result()).isEqualTo(Result.RESUME);
        DeadLetter letter = letter(response);
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PRODUCTION_ERROR);
        assertThat(letter.getSourceTopic()).isEqualTo("app.measurements");
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41);
        assertThat(letter.getMessage()).contains(ESTIMATES, "5000 bytes");
        assertThat(letter.getValue().array()).containsExactly(0, 0, 0, 0, 1, 2);
    }

    @Test
    void aRefusedChangelogRecordStopsTheInstanceEvenAtLeastOnce() {
        Response response = handler(StreamsConfig.AT_LEAST_ONCE).handleError(input(), record(CHANGELOG, 2_000_000),
                new RecordTooLargeException("The message is 2000100 bytes"));
        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aRefusedOutputStopsTheInstanceUnderExactlyOnceBecauseTheTransactionIsLost() {
        Response response = handler(StreamsConfig.EXACTLY_ONCE_V2).handleError(input(), record(ESTIMATES, 5_000),
                new RecordTooLargeException("too large"));
        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aRefusedOutputIsDeadLetteredAtLeastOnce() {
        Response response = handler(StreamsConfig.AT_LEAST_ONCE).handleError(input(), record(ESTIMATES, 5_000),
                new RecordTooLargeException("too large"));
        assertThat(response.result()).isEqualTo(Result.RESUME);
        DeadLetter letter = letter(response);
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PRODUCTION_ERROR);
        assertThat(letter.getSourceOffset()).isEqualTo(41);
        assertThat(letter.getMessage()).contains(ESTIMATES, "max.message.bytes (1000)", "max.request.size");
    }

    @Test
    void aRefusedDeadLetterStopsTheInstance() {
        Response response = handler(StreamsConfig.AT_LEAST_ONCE).handleError(input(), record(DEAD_LETTERS, 2_000_000),
                new RecordTooLargeException("too large"));
        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    @Test
    void aPassingFailureIsRetried() {
        Response response = handler(StreamsConfig.EXACTLY_ONCE_V2).handleError(input(), record(ESTIMATES, 10),
                new TimeoutException("no answer"));
        assertThat(response.result()).isEqualTo(Result.RETRY);
    }
}
