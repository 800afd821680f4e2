package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.topology.assembly.TrackerFactory;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

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

    /** A stored entity with an entity class, and one of the default filter (no class). */
    static TrackedEntity[] recordedEntities() {
        EntityState state = new EntityState(List.of("cv"), 1200, new GaussianState(new double[]{1.25, -2}, new double[]{2, 0.5, 0.5, 3}),
                1000, new GaussianState(new double[]{0, 0}, new double[]{4, 0, 0, 4}), true,
                List.of(new Measurement("gps", 1000, new double[]{1, 2}, null)));
        return new TrackedEntity[]{new TrackedEntity("drones", "kf", state), new TrackedEntity(null, "kf", state)};
    }

    /** Bytes written by the release that introduced header version 1, kept so that stored entities stay readable. */
    static final String[] RECORDED = {
            "4501000664726f6e657300026b664502010002637600000000000004b001023ff4000000000000c00000000000000040"
                    + "000000000000003fe000000000000040080000000000000300000000000003e801020000000000000000000000000000"
                    + "000040100000000000000000000000000000401000000000000001000367707300000000000003e8023ff00000000000"
                    + "00400000000000000000000000",
            "4501ffff00026b664502010002637600000000000004b001023ff4000000000000c00000000000000040000000000000"
                    + "003fe000000000000040080000000000000300000000000003e801020000000000000000000000000000000040100000"
                    + "000000000000000000000000401000000000000001000367707300000000000003e8023ff00000000000004000000000"
                    + "00000000000000"};

    @Test
    void recordedBytesStillDecodeAndAreWrittenTheSameWay() {
        TrackedEntity[] entities = recordedEntities();
        for (int i = 0; i < entities.length; i++) {
            assertThat(TrackedEntitySerde.decode(HexFormat.of().parseHex(RECORDED[i]))).isEqualTo(entities[i]);
            assertThat(HexFormat.of().formatHex(TrackedEntitySerde.encode(entities[i]))).isEqualTo(RECORDED[i]);
        }
    }
}
