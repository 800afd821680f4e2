package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.codec.EntityStateCodec;
import io.bayesfuse.kernels.entity.EntityState;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The state-store serde of an entity's filter state: the kernels' compact, versioned binary
 * {@link EntityStateCodec} (not Avro and not JSON: the value never leaves the application's
 * store and changelog). A null value (a deleted entity) stays null.
 */
public final class EntityStateSerde implements Serde<EntityState> {

    @Override
    public Serializer<EntityState> serializer() {
        return (topic, state) -> state == null ? null : EntityStateCodec.encode(state);
    }

    @Override
    public Deserializer<EntityState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : EntityStateCodec.decode(bytes);
    }
}
