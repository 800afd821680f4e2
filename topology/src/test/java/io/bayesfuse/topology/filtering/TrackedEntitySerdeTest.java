package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackedEntitySerdeTest {

    private static TrackingResult trackedTwice() {
        Path reference = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));
        var tracker = TrackerFactory.create(ConfigLoader.load(reference.resolve("kf-out-of-order/config.yaml")));
        TrackingResult first = tracker.process("t1", null, new Measurement("gps", 1000, new double[]{1, 2}, null));
        return tracker.process("t1", first.state(), new Measurement("tag", 1200, new double[]{1.2, 2.1}, null));
    }

    @Test
    void aTrackedEntitySurvivesTheStoreUnchanged() {
        TrackedEntitySerde serde = new TrackedEntitySerde();
        for (String entityClass : new String[]{null, "drones"}) {
            TrackedEntity entity = new TrackedEntity(entityClass, "kf", trackedTwice().state());
            byte[] bytes = serde.serializer().serialize("store-changelog", entity);
            assertThat(serde.deserializer().deserialize("store-changelog", bytes)).isEqualTo(entity);
        }
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void foreignOrTruncatedBytesAreRefusedWithAReason() {
        TrackedEntitySerde serde = new TrackedEntitySerde();
        byte[] bytes = serde.serializer().serialize("t", new TrackedEntity(null, "kf", trackedTwice().state()));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        byte[] wrongVersion = bytes.clone();
        wrongVersion[1] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongVersion))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }
}
