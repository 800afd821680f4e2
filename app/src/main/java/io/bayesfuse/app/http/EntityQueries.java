package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.filtering.TrackedEntity;
import io.bayesfuse.topology.query.EntitySnapshot;
import io.bayesfuse.topology.query.EntityStateReader;
import io.bayesfuse.topology.query.MapGeometry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Collection;

/**
 * {@code /api/entities} and {@code /api/entities/{id}}: the entity store through interactive
 * queries. An entity lives in one partition, which one instance owns; that instance answers,
 * others forward to it ({@link KafkaStreams#queryMetadataForKey}). The list asks every instance
 * for its own entities and merges them.
 */
final class EntityQueries {

    /** At most this many entities per instance in a list. */
    static final int LIST_LIMIT = 10_000;

    private final KafkaStreams streams;
    private final EntityStateReader reader;
    private final HostInfo self;
    private final Forwarder forwarder;

    EntityQueries(KafkaStreams streams, EntityStateReader reader, HostInfo self, Forwarder forwarder) {
        this.streams = streams;
        this.reader = reader;
        this.self = self;
        this.forwarder = forwarder;
    }

    /**
     * One entity's current state, from whichever instance owns it. When the owner does not answer
     * (it just failed, say), a standby replica's copy is served instead, marked {@code "stale": true}.
     *
     * @param forwarded the request was forwarded here by another instance: answer or refuse, never forward
     * @param stale     read this instance's copy even when it is a standby (a forwarded fallback)
     */
    Answer one(String entityId, boolean forwarded, boolean stale) {
        if (stale) {
            return local(entityId, true);
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(BayesfuseTopology.ENTITY_STORE, entityId,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Answer.error(503, "the entity store is not available yet (starting or rebalancing); try again");
        }
        HostInfo owner = metadata.activeHost();
        if (owner.equals(self)) {
            return local(entityId, false);
        }
        if (forwarded) {
            return Answer.error(503, "entity '" + entityId + "' moved while the request was forwarded; try again");
        }
        Answer answer = forwarder.get(owner, "/api/entities/" + Forwarder.segment(entityId));
        if (answer.status() < 500) {
            return answer;
        }
        for (HostInfo standby : metadata.standbyHosts()) {
            Answer copy = standby.equals(self) ? local(entityId, true)
                    : forwarder.get(standby, "/api/entities/" + Forwarder.segment(entityId) + "?stale=true");
            if (copy.status() == 200) {
                return copy;
            }
        }
        return answer;
    }

    private Answer local(String entityId, boolean stale) {
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, TrackedEntity>> parameters = StoreQueryParameters.fromNameAndType(
                    BayesfuseTopology.ENTITY_STORE, QueryableStoreTypes.<String, TrackedEntity>keyValueStore());
            TrackedEntity entity = streams.store(stale ? parameters.enableStaleStores() : parameters).get(entityId);
            if (entity == null) {
                return Answer.error(404, "no entity '" + entityId + "'");
            }
            ObjectNode detail = detail(reader.read(entityId, entity));
            if (stale) {
                detail.put("stale", true);
            }
            return new Answer(200, detail.toString());
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the entity store is not queryable right now (" + e.getMessage() + "); try again");
        }
    }

    /** Every entity (summaries), from every instance; {@code localOnly} lists this instance's. */
    Answer all(boolean localOnly) {
        ObjectNode result = Json.object();
        ArrayNode entities = result.putArray("entities");
        ArrayNode instances = result.putArray("instances");
        try {
            int listed = 0;
            try (KeyValueIterator<String, TrackedEntity> all = localStore().all()) {
                while (all.hasNext() && listed < LIST_LIMIT) {
                    var next = all.next();
                    entities.add(summary(reader.read(next.key, next.value)));
                    listed++;
                }
            }
            instances.addObject().put("instance", self.host() + ":" + self.port()).put("entities", listed);
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the entity store is not queryable right now (" + e.getMessage() + "); try again");
        }
        if (!localOnly) {
            Collection<StreamsMetadata> everyone = streams.streamsMetadataForStore(BayesfuseTopology.ENTITY_STORE);
            for (StreamsMetadata other : everyone) {
                if (other.hostInfo().equals(self)) {
                    continue;
                }
                Answer answer = forwarder.get(other.hostInfo(), "/api/entities?local=true");
                ObjectNode instance = instances.addObject().put("instance", other.host() + ":" + other.port());
                if (answer.status() != 200) {
                    instance.put("error", answer.json());
                    continue;
                }
                try {
                    JsonNode remote = Json.MAPPER.readTree(answer.json());
                    remote.get("entities").forEach(entities::add);
                    instance.put("entities", remote.get("entities").size());
                } catch (Exception e) {
                    instance.put("error", "unreadable answer: " + e.getMessage());
                }
            }
        }
        result.put("count", entities.size());
        return new Answer(200, result.toString());
    }

    private ReadOnlyKeyValueStore<String, TrackedEntity> localStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(BayesfuseTopology.ENTITY_STORE,
                QueryableStoreTypes.<String, TrackedEntity>keyValueStore()));
    }

    private ObjectNode detail(EntitySnapshot s) {
        ObjectNode node = summary(s);
        node.putArray("modelIds").addAll(s.modelIds().stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
        node.set("mean", Json.array(s.mean()));
        node.set("covariance", Json.matrix(s.covariance()));
        return node;
    }

    private ObjectNode summary(EntitySnapshot s) {
        ObjectNode node = Json.object().put("entityId", s.entityId()).put("time", s.time()).put("filterType", s.filterType());
        if (s.entityClass() != null) {
            node.put("entityClass", s.entityClass());
        }
        MapGeometry.Placement p = s.map();
        if (p != null) {
            ObjectNode position = node.putObject("position").put("x", p.x()).put("y", p.y());
            if (Double.isFinite(p.vx())) {
                position.put("vx", p.vx()).put("vy", p.vy());
            }
            if (p.ellipse() != null) {
                position.putObject("ellipse2Sigma").put("semiMajor", p.ellipse().semiMajor())
                        .put("semiMinor", p.ellipse().semiMinor()).put("angle", p.ellipse().angle());
            }
        }
        node.put("servedBy", self.host() + ":" + self.port());
        return node;
    }
}
