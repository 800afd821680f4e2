package io.bayesfuse.app.embedded;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SingleNodeConfigTest {

    private static Properties config(Map<String, String> overrides) {
        return SingleNodeConfig.of("localhost", 9092, 9094, 9093, Path.of("/tmp/kafka-data"), overrides);
    }

    @Test
    void holdsTheSingleNodeSettingsWithoutWhichExactlyOnceHangs() {
        assertThat(config(Map.of())).containsAllEntriesOf(Map.of(
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
    }

    @Test
    void clientsUseTheHostPortWhileTheNodeTalksToItselfOverLoopback() {
        Properties config = config(Map.of());
        assertThat(config.getProperty("advertised.listeners"))
                .isEqualTo("PLAINTEXT://localhost:9092,INTERNAL://127.0.0.1:9094");
        assertThat(config.getProperty("inter.broker.listener.name")).isEqualTo("INTERNAL");
        assertThat(config.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
    }

    @Test
    void overridesComeLast() {
        assertThat(config(Map.of("num.partitions", "6")).getProperty("num.partitions")).isEqualTo("6");
    }

    @Test
    void kafkaAcceptsTheConfiguration() {
        KafkaConfig config = KafkaConfig.fromProps(config(Map.of()), false);
        assertThat(config.metadataLogDir()).isEqualTo("/tmp/kafka-data");
    }
}
