package io.bayesfuse.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JsonFields;
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

    Line parse(String text) throws BadLineException {
        JsonNode node = JsonFields.object(text);
        String entityId = JsonFields.text(node, "entityId");
        String sensorId = JsonFields.text(node, "sensorId");
        long timestamp = JsonFields.integer(node, "timestamp", "", " (epoch milliseconds)");
        double[] z = JsonFields.vector(node, "z", "");
        double[][] R = node.hasNonNull("R") ? JsonFields.matrix(node, "R", "") : null;
        return new Line(entityId, new Measurement(sensorId, timestamp, z, R));
    }
}
