package io.bayesfuse.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.kernels.entity.Measurement;

/**
 * Reads one measurement line of FORMAT.md's {@code input.jsonl}:
 * {@code {"entityId": "t1", "sensorId": "gps", "timestamp": 1000425, "z": [-0.21, -0.10]}}, with an
 * optional {@code "R"} matrix. Shape errors name the field; the values themselves are checked
 * against the sensor by the kernels.
 */
final class MeasurementJson {

    /** One parsed line. */
    record Line(String entityId, Measurement measurement) {
    }

    /** A line that is not a measurement; the message names the field and the problem. */
    static final class BadLineException extends Exception {
        BadLineException(String message) {
            super(message);
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    Line parse(String text) throws BadLineException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLineException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadLineException("expected a JSON object");
        }
        String entityId = text(node, "entityId");
        String sensorId = text(node, "sensorId");
        JsonNode timestamp = node.get("timestamp");
        if (timestamp == null || !timestamp.canConvertToLong() || !timestamp.isIntegralNumber()) {
            throw new BadLineException("timestamp must be an integer (epoch milliseconds)"
                    + (timestamp == null ? " but is missing" : ", got " + timestamp));
        }
        double[] z = vector(node.get("z"), "z");
        double[][] R = null;
        JsonNode r = node.get("R");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw new BadLineException("R must be a matrix (an array of rows), got " + r);
            }
            R = new double[r.size()][];
            for (int i = 0; i < r.size(); i++) {
                R[i] = vector(r.get(i), "R[" + i + "]");
            }
        }
        return new Line(entityId, new Measurement(sensorId, timestamp.longValue(), z, R));
    }

    private static String text(JsonNode node, String field) throws BadLineException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadLineException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new BadLineException(field + " must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    private static double[] vector(JsonNode value, String field) throws BadLineException {
        if (value == null || value.isNull()) {
            throw new BadLineException(field + " is missing");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new BadLineException(field + " must be a non-empty array of numbers, got " + value);
        }
        double[] v = new double[value.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode e = value.get(i);
            if (!e.isNumber()) {
                throw new BadLineException(field + "[" + i + "] must be a number, got " + e);
            }
            v[i] = e.doubleValue();
        }
        return v;
    }
}
