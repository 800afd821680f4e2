package io.bayesfuse.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JsonFields;
import io.bayesfuse.avro.Example;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one input line of {@code learn}: the fields of the {@code Example} contract as JSON,
 * {@code {"modelId", "features": [..]} } or {@code {"modelId", "indices": [..], "values": [..],
 * "dimension"}}, with {@code "target"}, {@code "timestamp"} (epoch ms, required: it stands for the
 * record timestamp that drives stream time) and optional {@code "weight"} and {@code "sourceId"}.
 * Only the JSON shape is checked here; what the model makes of the example (dimension, finite values,
 * class index) is checked by the stream stage's own reader.
 */
final class ExampleJson {

    /** A line read: its example and its timestamp. */
    record Line(Example example, long timestamp) {
    }

    /** The line's timestamp alone, read first: stream time advances with every record that has one. */
    static long timestamp(JsonNode node) throws BadLineException {
        return JsonFields.integer(node, "timestamp", "", " (epoch milliseconds)");
    }

    static Line parse(JsonNode node, long timestamp) throws BadLineException {
        Example.Builder example = Example.newBuilder()
                .setModelId(JsonFields.text(node, "modelId"))
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .setTarget(number(node, "target", true));
        if (present(node, "features")) {
            example.setFeatures(boxed(JsonFields.vector(node, "features", "")));
        }
        if (present(node, "indices")) {
            example.setIndices(indices(node.get("indices")));
        }
        if (present(node, "values")) {
            example.setValues(boxed(JsonFields.vector(node, "values", "")));
        }
        if (present(node, "dimension")) {
            example.setDimension((int) JsonFields.integer(node, "dimension", "", " (the sparse features' length)"));
        }
        if (present(node, "weight")) {
            example.setWeight(number(node, "weight", false));
        }
        if (present(node, "sourceId")) {
            example.setSourceId(JsonFields.text(node, "sourceId"));
        }
        return new Line(example.build(), timestamp);
    }

    private static boolean present(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    private static double number(JsonNode node, String field, boolean required) throws BadLineException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadLineException(field + " is missing");
            }
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new BadLineException(field + " must be a number, got " + value);
        }
        return value.doubleValue();
    }

    private static List<Integer> indices(JsonNode node) throws BadLineException {
        if (!node.isArray()) {
            throw new BadLineException("indices must be an array of integers, got " + node);
        }
        List<Integer> indices = new ArrayList<>(node.size());
        for (int k = 0; k < node.size(); k++) {
            JsonNode e = node.get(k);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw new BadLineException("indices[" + k + "] must be an integer, got " + e);
            }
            indices.add(e.intValue());
        }
        return indices;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
