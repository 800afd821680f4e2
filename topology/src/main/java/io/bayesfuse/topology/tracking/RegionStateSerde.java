package io.bayesfuse.topology.tracking;

import io.bayesfuse.kernels.codec.RegionStateCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The region store's values in the kernels' compact binary form ({@link RegionStateCodec}). */
public final class RegionStateSerde implements Serde<RegionStateCodec.Stored> {

    @Override
    public Serializer<RegionStateCodec.Stored> serializer() {
        return (topic, stored) -> stored == null ? null : RegionStateCodec.encode(stored.signature(), stored.state());
    }

    @Override
    public Deserializer<RegionStateCodec.Stored> deserializer() {
        return (topic, bytes) -> bytes == null ? null : RegionStateCodec.decode(bytes);
    }
}
