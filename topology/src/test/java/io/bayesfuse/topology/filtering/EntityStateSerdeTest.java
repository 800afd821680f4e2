package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EntityStateSerdeTest {

    @Test
    void aTrackedEntitysStateSurvivesTheStoreUnchanged() {
        Path reference = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));
        var tracker = TrackerFactory.create(ConfigLoader.load(reference.resolve("kf-out-of-order/config.yaml")));
        TrackingResult first = tracker.process("t1", null, new Measurement("gps", 1000, new double[]{1, 2}, null));
        TrackingResult second = tracker.process("t1", first.state(), new Measurement("tag", 1200, new double[]{1.2, 2.1}, null));
        EntityStateSerde serde = new EntityStateSerde();
        byte[] bytes = serde.serializer().serialize("store-changelog", second.state());
        EntityState restored = serde.deserializer().deserialize("store-changelog", bytes);
        assertThat(restored).isEqualTo(second.state());
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
