package io.bayesfuse.app.simulate;

import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The simulator's Kafka producer: string keys, Avro values in the Confluent wire format, idempotent. */
public final class SimulationProducer {

    private SimulationProducer() {
    }

    /**
     * @param kafkaSettings Kafka client settings (only the producer's are used)
     * @param serdeSettings the Avro serializer's settings (schema.registry.url...)
     */
    public static Producer<String, SpecificRecord> create(Map<String, ?> kafkaSettings, Map<String, ?> serdeSettings) {
        Map<String, Object> settings = new HashMap<>();
        kafkaSettings.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "bayesfuse-simulator");
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(serdeSettings, false);
        return new KafkaProducer<>(settings, new StringSerializer(), values);
    }
}
