package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.function.BiFunction;

/**
 * One key of a key-value state store through interactive queries: the key lives in one partition,
 * which one instance owns. That instance answers; others forward to it
 * ({@link KafkaStreams#queryMetadataForKey} and its advertised {@code application.server}). When the
 * owner does not answer (it just failed, say), a standby replica's copy is served, marked
 * {@code "stale": true}.
 *
 * @param <V> the store's values
 */
final class KeyQueries<V> {

    private final KafkaStreams streams;
    private final String store;
    private final String what;
    private final String pathPrefix;
    private final BiFunction<String, V, ObjectNode> render;
    private final HostInfo self;
    private final Forwarder forwarder;

    /**
     * @param store      the store's name
     * @param what       names a value in messages ("entity", "quantity")
     * @param pathPrefix the API path before the key, e.g. {@code /api/entities/}
     * @param render     the JSON of a stored value, or null when it has none to show (answered 404)
     */
    KeyQueries(KafkaStreams streams, String store, String what, String pathPrefix, BiFunction<String, V, ObjectNode> render,
               HostInfo self, Forwarder forwarder) {
        this.streams = streams;
        this.store = store;
        this.what = what;
        this.pathPrefix = pathPrefix;
        this.render = render;
        this.self = self;
        this.forwarder = forwarder;
    }

    /**
     * @param forwarded the request was forwarded here by another instance: answer or refuse, never forward
     * @param stale     read this instance's copy even when it is a standby (a forwarded fallback)
     */
    Answer one(String key, boolean forwarded, boolean stale) {
        if (stale) {
            return local(key, true);
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Answer.error(503, "the " + what + " store is not available yet (starting or rebalancing); try again");
        }
        HostInfo owner = metadata.activeHost();
        if (owner.equals(self)) {
            return local(key, false);
        }
        if (forwarded) {
            return Answer.error(503, what + " '" + key + "' moved while the request was forwarded; try again");
        }
        Answer answer = forwarder.get(owner, pathPrefix + Forwarder.segment(key));
        if (answer.status() < 500) {
            return answer;
        }
        for (HostInfo standby : metadata.standbyHosts()) {
            Answer copy = standby.equals(self) ? local(key, true)
                    : forwarder.get(standby, pathPrefix + Forwarder.segment(key) + "?stale=true");
            if (copy.status() == 200) {
                return copy;
            }
        }
        return answer;
    }

    private Answer local(String key, boolean stale) {
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters.fromNameAndType(
                    store, QueryableStoreTypes.<String, V>keyValueStore());
            V value = streams.store(stale ? parameters.enableStaleStores() : parameters).get(key);
            ObjectNode json = value == null ? null : render.apply(key, value);
            if (json == null) {
                return Answer.error(404, "no " + what + " '" + key + "'");
            }
            json.put("servedBy", self.host() + ":" + self.port());
            if (stale) {
                json.put("stale", true);
            }
            return new Answer(200, json.toString());
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the " + what + " store is not queryable right now (" + e.getMessage() + "); try again");
        }
    }
}
