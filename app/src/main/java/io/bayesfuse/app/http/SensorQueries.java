package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.SensorConfig;
import io.bayesfuse.topology.sensors.SensorState;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/sensors}: every configured sensor with its settings (R, adaptation, changepoint
 * detection) and what the filter stage learned about it. The sensor store holds one state per
 * (measurements partition, sensor), so the answer gathers the states of every partition on every
 * instance ({@code ?local=true}: this instance's, as a list) and shows per sensor the newest learned
 * R (E[R] of the entity posterior updated last), the changes detected (summed over partitions), the
 * newest one, and an R inflation in force. No maths here: newest and sums only.
 */
final class SensorQueries {

    private final KafkaStreams streams;
    private final BayesfuseConfig config;
    private final HostInfo self;
    private final Forwarder forwarder;

    SensorQueries(KafkaStreams streams, BayesfuseConfig config, HostInfo self, Forwarder forwarder) {
        this.streams = streams;
        this.config = config;
        this.self = self;
        this.forwarder = forwarder;
    }

    Answer all(boolean localOnly) {
        ArrayNode states = Json.MAPPER.createArrayNode();
        ObjectNode result = Json.object();
        ArrayNode instances = result.putArray("instances");
        try {
            int count = 0;
            try (KeyValueIterator<String, SensorState> all = streams.store(StoreQueryParameters.fromNameAndType(
                    BayesfuseTopology.SENSOR_STORE, QueryableStoreTypes.<String, SensorState>keyValueStore())).all()) {
                while (all.hasNext()) {
                    var next = all.next();
                    states.add(state(next.key, next.value));
                    count++;
                }
            }
            instances.addObject().put("instance", self.host() + ":" + self.port()).put("states", count);
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the sensor store is not queryable right now (" + e.getMessage() + "); try again");
        }
        if (localOnly) {
            result.set("states", states);
            return new Answer(200, result.toString());
        }
        forwarder.gatherFromOthers(streams, BayesfuseTopology.SENSOR_STORE, self, "/api/sensors?local=true", "states",
                states, instances);
        ObjectNode sensors = result.putObject("sensors");
        for (Map.Entry<String, SensorConfig> e : new TreeMap<>(config.sensors()).entrySet()) {
            sensors.set(e.getKey(), configured(e.getValue()));
        }
        for (JsonNode s : states) {
            ObjectNode sensor = (ObjectNode) sensors.get(s.get("sensorId").asText());
            if (sensor == null) {
                sensor = sensors.putObject(s.get("sensorId").asText());   // removed from the file, still in the store
            }
            merge(sensor, s);
        }
        return new Answer(200, result.toString());
    }

    private static ObjectNode configured(SensorConfig s) {
        ObjectNode node = Json.object().put("measurement", s.measurement().type());
        node.set("configuredR", Json.matrix(s.R()));
        node.put("adaptation", s.adaptation() == null ? "off" : s.adaptation().type());
        if (s.changepoint() != null && s.changepoint().on()) {
            node.putObject("changepoint").put("model", s.changepoint().modelOrDefault().id())
                    .put("hazard", s.changepoint().hazardOrDefault()).put("threshold", s.changepoint().thresholdOrDefault())
                    .put("action", s.changepoint().actionOrDefault().type());
        }
        node.put("partitions", 0).put("changes", 0).put("observations", 0);
        return node;
    }

    /** One partition's state of a sensor, as stored. */
    private static ObjectNode state(String sensorId, SensorState s) {
        ObjectNode node = Json.object().put("sensorId", sensorId).put("changes", s.changes()).put("observations", s.observations());
        if (s.lastChange() != SensorState.NEVER) {
            node.put("lastChange", s.lastChange());
        }
        if (s.inflatedUntil() != SensorState.NEVER) {
            node.put("inflation", s.inflation()).put("inflatedUntil", s.inflatedUntil());
        }
        if (s.learnedR() != null) {
            node.set("learnedR", Json.matrix(s.learnedR()));
            node.put("learnedRTime", s.learnedRTime()).put("learnedREntity", s.learnedREntity());
        }
        return node;
    }

    /** Folds one partition's state into the sensor's answer: newest learned R and change, summed counts. */
    private static void merge(ObjectNode sensor, JsonNode s) {
        sensor.put("partitions", sensor.path("partitions").asInt() + 1);
        sensor.put("changes", sensor.path("changes").asLong() + s.get("changes").asLong());
        sensor.put("observations", sensor.path("observations").asLong() + s.get("observations").asLong());
        if (s.has("lastChange") && (!sensor.has("lastChange") || s.get("lastChange").asLong() > sensor.get("lastChange").asLong())) {
            sensor.put("lastChange", s.get("lastChange").asLong());
        }
        if (s.has("inflatedUntil") && (!sensor.has("inflatedUntil")
                || s.get("inflatedUntil").asLong() > sensor.get("inflatedUntil").asLong())) {
            sensor.put("inflation", s.get("inflation").asDouble()).put("inflatedUntil", s.get("inflatedUntil").asLong());
        }
        if (s.has("learnedR") && (!sensor.has("learnedRTime") || s.get("learnedRTime").asLong() > sensor.get("learnedRTime").asLong())) {
            sensor.set("learnedR", s.get("learnedR"));
            sensor.put("learnedRTime", s.get("learnedRTime").asLong()).put("learnedREntity", s.get("learnedREntity").asText());
        }
    }
}
