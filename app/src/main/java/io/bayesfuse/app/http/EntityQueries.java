package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.filtering.TrackedEntity;
import io.bayesfuse.topology.query.EntitySnapshot;
import io.bayesfuse.topology.query.EntityStateReader;
import io.bayesfuse.topology.query.MapGeometry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;


/**
 * {@code /api/entities} and {@code /api/entities/{id}}: the entity store through interactive
 * queries. One entity is answered by the instance that owns it ({@link KeyQueries}); the list asks
 * every instance for its own entities and merges them.
 */
final class EntityQueries {

    /** At most this many entities per instance in a list. */
    static final int LIST_LIMIT = 10_000;

    private final KafkaStreams streams;
    private final EntityStateReader reader;
    private final HostInfo self;
    private final Forwarder forwarder;
    private final KeyQueries<TrackedEntity> byKey;

    EntityQueries(KafkaStreams streams, EntityStateReader reader, HostInfo self, Forwarder forwarder) {
        this.streams = streams;
        this.reader = reader;
        this.self = self;
        this.forwarder = forwarder;
        this.byKey = new KeyQueries<>(streams, BayesfuseTopology.ENTITY_STORE, "entity", "/api/entities/",
                (id, entity) -> detail(reader.read(id, entity)), self, forwarder);
    }

    /** One entity's current state, from whichever instance owns it (see {@link KeyQueries}). */
    Answer one(String entityId, boolean forwarded, boolean stale) {
        return byKey.one(entityId, forwarded, stale);
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
            forwarder.gatherFromOthers(streams, BayesfuseTopology.ENTITY_STORE, self, "/api/entities?local=true", "entities",
                    entities, instances);
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
        if (!s.learnedR().isEmpty()) {
            ObjectNode learned = node.putObject("learnedR");
            s.learnedR().forEach((sensor, R) -> learned.set(sensor, Json.matrix(R)));
        }
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
