package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.fusion.Chunks;
import io.bayesfuse.topology.fusion.StoredQuantity;
import io.bayesfuse.topology.query.ChunkReader;
import io.bayesfuse.topology.query.PosteriorSummary;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Map;
import java.util.TreeMap;

/**
 * A chunked quantity through interactive queries. Its chunks lie on many partitions and
 * instances: every instance lists the chunks it holds (from their headers: place, source count,
 * source-set digest), the answer merges them and says whether the quantity is consistent — every
 * chunk present and fused from the same source versions (one digest) — and shows the first chunk's
 * fused values, from the instance that owns it.
 */
final class ChunkQueries {

    private final KafkaStreams streams;
    private final ChunkReader reader;
    private final HostInfo self;
    private final Forwarder forwarder;
    private final int limit;

    ChunkQueries(KafkaStreams streams, ChunkReader reader, HostInfo self, Forwarder forwarder, int limit) {
        this.streams = streams;
        this.reader = reader;
        this.self = self;
        this.forwarder = forwarder;
        this.limit = limit;
    }

    /** The merged view of a quantity's chunks; 404 when no instance holds any. {@code localOnly}: this instance's chunks. */
    Answer quantity(String quantityId, boolean localOnly) {
        ArrayNode chunks = Json.MAPPER.createArrayNode();
        ArrayNode instances = Json.MAPPER.createArrayNode();
        try {
            int here = 0;
            for (ChunkReader.ChunkView v : reader.chunks(quantityId, store(BayesfuseTopology.CHUNK_STORE))) {
                chunks.add(view(v));
                here++;
            }
            instances.addObject().put("instance", self.host() + ":" + self.port()).put("chunks", here);
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the chunk store is not queryable right now (" + e.getMessage() + "); try again");
        }
        if (localOnly) {
            ObjectNode local = Json.object().put("quantityId", quantityId);
            local.set("chunks", chunks);
            return new Answer(200, local.toString());
        }
        forwarder.gatherFromOthers(streams, BayesfuseTopology.CHUNK_STORE, self,
                "/api/quantities/" + Forwarder.segment(quantityId) + "/chunks?local=true", "chunks", chunks, instances);
        if (chunks.isEmpty()) {
            return Answer.error(404, "no quantity '" + quantityId + "' (neither whole nor chunked)");
        }
        return new Answer(200, merged(quantityId, chunks, instances).toString());
    }

    /** One chunk's fused slice, from the instance that owns it. */
    Answer chunk(String quantityId, int index, boolean forwarded) {
        String key = quantityId + "#" + index;
        KeyQueryMetadata metadata = streams.queryMetadataForKey(BayesfuseTopology.CHUNK_STORE, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Answer.error(503, "the chunk store is not available yet (starting or rebalancing); try again");
        }
        if (!metadata.activeHost().equals(self)) {
            return forwarded ? Answer.error(503, "chunk '" + key + "' moved while the request was forwarded; try again")
                    : forwarder.get(metadata.activeHost(), "/api/quantities/" + Forwarder.segment(quantityId) + "/chunks/" + index);
        }
        FusedChunk fused = reader.fused(quantityId, index, store(BayesfuseTopology.CHUNK_STORE),
                store(BayesfuseTopology.CHUNK_SOURCE_STORE));
        if (fused == null) {
            return Answer.error(404, "no chunk " + index + " of quantity '" + quantityId + "'");
        }
        PosteriorSummary summary = PosteriorSummary.of(fused.getPosterior());
        ObjectNode node = Json.object().put("quantityId", quantityId).put("chunkIndex", index).put("offset", fused.getOffset())
                .put("method", fused.getMethod()).put("sourceCount", fused.getSourceCount()).put("sourcesDigest", fused.getSourcesDigest())
                .put("posteriorType", fused.getPosterior().getClass().getSimpleName()).put("values", summary.mean().length);
        int shown = Math.min(limit, summary.mean().length);
        ArrayNode mean = node.putArray("mean");
        ArrayNode sd = node.putArray("sd");
        for (int i = 0; i < shown; i++) {
            mean.add(summary.mean()[i]);
            sd.add(summary.sd()[i]);
        }
        if (shown < summary.mean().length) {
            node.put("truncated", true);
        }
        node.put("servedBy", self.host() + ":" + self.port());
        return new Answer(200, node.toString());
    }

    private ObjectNode merged(String quantityId, ArrayNode chunks, ArrayNode instances) {
        TreeMap<Integer, JsonNode> byIndex = new TreeMap<>();
        chunks.forEach(c -> byIndex.put(c.get("index").asInt(), c));
        int count = byIndex.firstEntry().getValue().get("count").asInt();
        Map<String, Integer> digests = new TreeMap<>();
        byIndex.values().forEach(c -> digests.merge(c.get("sourcesDigest").asText(), 1, Integer::sum));
        ObjectNode node = Json.object().put("quantityId", quantityId).put("chunked", true).put("chunkCount", count)
                .put("chunksPresent", byIndex.size()).put("length", byIndex.firstEntry().getValue().get("length").asLong());
        boolean consistent = byIndex.size() == count && digests.size() == 1;
        node.put("consistent", consistent);
        if (consistent) {
            JsonNode any = byIndex.firstEntry().getValue();
            node.put("sourcesDigest", any.get("sourcesDigest").asText()).put("sourceCount", any.get("sourceCount").asInt());
            node.set("sources", any.get("sources"));
        } else {
            ArrayNode missing = node.putArray("missing");
            for (int i = 0; i < count && missing.size() < 20; i++) {
                if (!byIndex.containsKey(i)) {
                    missing.add(i);
                }
            }
            ObjectNode byDigest = node.putObject("digests");
            digests.forEach(byDigest::put);
        }
        ArrayNode list = node.putArray("chunks");
        byIndex.values().forEach(list::add);
        node.set("instances", instances);
        if (byIndex.containsKey(0)) {
            Answer first = chunk(quantityId, 0, false);
            if (first.status() == 200) {
                try {
                    node.set("firstChunk", Json.MAPPER.readTree(first.json()));
                } catch (Exception e) {
                    node.put("firstChunkError", e.getMessage());
                }
            }
        }
        return node;
    }

    private static ObjectNode view(ChunkReader.ChunkView v) {
        ObjectNode node = Json.object().put("index", v.index()).put("count", v.count()).put("offset", v.offset())
                .put("length", v.length()).put("values", v.values()).put("sourceCount", v.sourceCount())
                .put("sourcesDigest", v.sourcesDigest());
        ObjectNode sources = node.putObject("sources");
        v.sources().forEach(sources::put);
        return node;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
