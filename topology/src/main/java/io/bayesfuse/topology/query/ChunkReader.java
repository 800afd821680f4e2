package io.bayesfuse.topology.query;

import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.kernels.fusion.state.SourceSetDigest;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.fusion.Chunks;
import io.bayesfuse.topology.fusion.FusedChunks;
import io.bayesfuse.topology.fusion.FusionSelection;
import io.bayesfuse.topology.fusion.SelectedFusion;
import io.bayesfuse.topology.fusion.StoredQuantity;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the chunks of a chunked quantity that one instance holds: each chunk's place, source count
 * and source-set digest from its header (no source record read), and on request one chunk's fused
 * slice. The chunks of one quantity lie on many partitions and instances; the caller gathers them.
 * Thread-safe.
 */
public final class ChunkReader {

    private final FusionSelection fusions;

    public ChunkReader(BayesfuseConfig config) {
        this.fusions = config.hasFusion() ? FusionSelection.compile(config) : null;
    }

    /**
     * One chunk as its header tells it.
     *
     * @param sources the contributing sources and versions while listed (else empty)
     */
    public record ChunkView(int index, int count, long offset, long length, int values, int sourceCount, String sourcesDigest,
                            Map<String, Long> sources) {
    }

    /** The chunks of {@code quantityId} in this instance's stores, by index. */
    public List<ChunkView> chunks(String quantityId, ReadOnlyKeyValueStore<String, StoredQuantity> chunks) {
        List<ChunkView> views = new ArrayList<>();
        try (KeyValueIterator<String, StoredQuantity> it = chunks.prefixScan(Chunks.fusionKeyPrefix(quantityId), new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, StoredQuantity> kv = it.next();
                StoredQuantity stored = kv.value;
                if (stored.isLegacy() || stored.chunk() == null || !Chunks.quantityOf(kv.key).equals(quantityId)) {
                    continue;
                }
                StoredQuantity.ChunkGeometry g = stored.chunk();
                views.add(new ChunkView(g.index(), g.count(), g.offset(), g.length(), stored.header().rule().dimension(),
                        stored.header().contributing(), SourceSetDigest.hex(stored.header().digest()),
                        stored.header().listed() == null ? Map.of() : stored.header().listed()));
            }
        }
        return views;
    }

    /** The current fused slice of chunk {@code index}, or null when this instance does not hold it or it has no sources. */
    public synchronized FusedChunk fused(String quantityId, int index, ReadOnlyKeyValueStore<String, StoredQuantity> chunks,
                                         ReadOnlyKeyValueStore<String, byte[]> sources) {
        SelectedFusion settings = fusions == null ? null : fusions.forQuantity(quantityId);
        String key = Chunks.fusionKey(quantityId, index);
        StoredQuantity stored = chunks.get(key);
        return settings == null || stored == null ? null : FusedChunks.current(key, stored, sources, settings);
    }
}
