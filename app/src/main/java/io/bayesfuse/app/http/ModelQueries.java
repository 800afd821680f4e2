package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.Example;
import io.bayesfuse.kernels.learning.Prediction;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.learning.ModelReader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The online learners' models through the HTTP API: {@code GET /api/models/{id}} (the posterior
 * summary) and {@code POST /api/models/{id}/predict} (the predictive distribution for a feature
 * vector). A model's posterior lives in the partition of its examples, which one instance owns: that
 * instance answers, others forward the request to it, as for entities and quantities.
 */
final class ModelQueries {

    /** Weights whose marginal standard deviations a summary shows at most. */
    static final int SD_LIMIT = 1000;

    private final KafkaStreams streams;
    private final ModelReader reader;
    private final HostInfo self;
    private final Forwarder forwarder;

    ModelQueries(KafkaStreams streams, ModelReader reader, HostInfo self, Forwarder forwarder) {
        this.streams = streams;
        this.reader = reader;
        this.self = self;
        this.forwarder = forwarder;
    }

    /** {@code GET /api/models/{id}}; {@code forwarded}: answer here or refuse, never forward again. */
    Answer summary(String modelId, boolean forwarded) {
        HostInfo owner = owner(modelId);
        if (owner == null) {
            return notAvailable();
        }
        if (!owner.equals(self)) {
            return forwarded ? moved(modelId) : forwarder.get(owner, path(modelId));
        }
        try {
            ModelReader.ModelView view = reader.summary(modelId, posteriors(), overrides(), SD_LIMIT);
            if (view == null) {
                return Answer.error(404, "no model '" + modelId + "' (models." + modelId + " is not configured)");
            }
            ObjectNode json = Json.object().put("modelId", modelId)
                    .put("type", view.model().spec().kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("features", view.model().spec().features())
                    .put("parameters", view.model().spec().parameters())
                    .put("covariance", view.posterior().form().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("version", view.posterior().version())
                    .put("examples", view.posterior().examples())
                    .put("batch", view.model().batch())
                    .put("flushAfterMillis", view.model().flushAfterMillis());
            if (view.posterior().rank() > 0) {
                json.put("rank", view.posterior().rank());
            }
            if (view.posterior().time() != io.bayesfuse.kernels.learning.WeightPosterior.NO_TIME) {
                json.put("time", java.time.Instant.ofEpochMilli(view.posterior().time()).toString());
            }
            numbers(json.putArray("mean"), view.summary().mean(), SD_LIMIT);
            numbers(json.putArray("sd"), view.summary().sd(), SD_LIMIT);
            json.put("truncated", view.summary().mean().length > SD_LIMIT);
            if (Double.isFinite(view.summary().noiseVariance())) {
                json.put("noiseVariance", view.summary().noiseVariance());
                json.put("noiseDegreesOfFreedom", view.summary().noiseDegrees());
            }
            return new Answer(200, json.put("servedBy", self.host() + ":" + self.port()).toString());
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the model store is not queryable right now (" + e.getMessage() + "); try again");
        }
    }

    /**
     * {@code POST /api/models/{id}/predict} with {@code {"features": [..]}} or {@code {"indices": [..],
     * "values": [..]}}: the predictive mean, variance and 50/90/95% intervals of a regression, or the class
     * probabilities of a classifier.
     */
    Answer predict(String modelId, String body, boolean forwarded) {
        HostInfo owner = owner(modelId);
        if (owner == null) {
            return notAvailable();
        }
        if (!owner.equals(self)) {
            return forwarded ? moved(modelId) : forwarder.post(owner, path(modelId) + "/predict", body);
        }
        Example example;
        try {
            example = example(modelId, Json.MAPPER.readTree(body));
        } catch (Exception e) {
            return Answer.error(400, "the body must be {\"features\": [numbers]} or {\"indices\": [integers], \"values\":"
                    + " [numbers]}: " + e.getMessage());
        }
        try {
            Prediction p = reader.predict(modelId, example, posteriors(), overrides());
            if (p == null) {
                return Answer.error(404, "no model '" + modelId + "' (models." + modelId + " is not configured)");
            }
            ObjectNode json = Json.object().put("modelId", modelId);
            if (p.isRegression()) {
                json.put("mean", p.mean()).put("variance", p.variance()).put("scale", p.scale());
                if (Double.isFinite(p.degreesOfFreedom())) {
                    json.put("degreesOfFreedom", p.degreesOfFreedom());
                }
                ObjectNode intervals = json.putObject("intervals");
                for (double level : new double[]{0.50, 0.90, 0.95}) {
                    double half = p.halfWidth(level);
                    intervals.putArray(String.format(java.util.Locale.ROOT, "%.2f", level)).add(p.mean() - half).add(p.mean() + half);
                }
            } else {
                numbers(json.putArray("probabilities"), p.probabilities(), Integer.MAX_VALUE);
                json.put("predictedClass", p.predictedClass());
            }
            return new Answer(200, json.put("servedBy", self.host() + ":" + self.port()).toString());
        } catch (DeadLetterException e) {
            return Answer.error(400, e.getMessage());
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the model store is not queryable right now (" + e.getMessage() + "); try again");
        }
    }

    private static Example example(String modelId, JsonNode body) {
        Example.Builder example = Example.newBuilder().setModelId(modelId).setTarget(0);
        if (body.has("features")) {
            example.setFeatures(doubles(body.get("features"), "features"));
        }
        if (body.has("indices") || body.has("values")) {
            List<Integer> indices = new ArrayList<>();
            for (JsonNode n : array(body.get("indices"), "indices")) {
                if (!n.canConvertToInt()) {
                    throw new IllegalArgumentException("indices holds " + n + ", not an integer");
                }
                indices.add(n.intValue());
            }
            example.setIndices(indices).setValues(doubles(body.get("values"), "values"));
            if (body.has("dimension")) {
                example.setDimension(body.get("dimension").intValue());
            }
        }
        return example.build();
    }

    private static List<Double> doubles(JsonNode node, String field) {
        List<Double> values = new ArrayList<>();
        for (JsonNode n : array(node, field)) {
            if (!n.isNumber()) {
                throw new IllegalArgumentException(field + " holds " + n + ", not a number");
            }
            values.add(n.doubleValue());
        }
        return values;
    }

    private static JsonNode array(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + " is not an array");
        }
        return node;
    }

    private static void numbers(ArrayNode array, double[] values, int limit) {
        for (int i = 0; i < Math.min(limit, values.length); i++) {
            array.add(values[i]);
        }
    }

    private HostInfo owner(String modelId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(BayesfuseTopology.LEARNER_STORE, modelId,
                Serdes.String().serializer());
        return metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) ? null : metadata.activeHost();
    }

    private ReadOnlyKeyValueStore<String, byte[]> posteriors() {
        return streams.store(StoreQueryParameters.fromNameAndType(BayesfuseTopology.LEARNER_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, ConfigRecord> overrides() {
        return streams.store(StoreQueryParameters.fromNameAndType(BayesfuseTopology.CONFIG_STORE,
                QueryableStoreTypes.<String, ConfigRecord>keyValueStore()));
    }

    private static String path(String modelId) {
        return "/api/models/" + Forwarder.segment(modelId);
    }

    private static Answer notAvailable() {
        return Answer.error(503, "the model store is not available yet (starting or rebalancing); try again");
    }

    private static Answer moved(String modelId) {
        return Answer.error(503, "model '" + modelId + "' moved while the request was forwarded; try again");
    }
}
