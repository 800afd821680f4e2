package io.bayesfuse.app.track;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JsonFields;
import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.Scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one scan line of FORMAT.md's tracking {@code input.jsonl}:
 * {@code {"timestamp": 1000, "region": "sea-1", "sensorId": "radar", "detections": [{"z": [12.5, -3.0]}, {"z": [...], "R": [[...]]}]}}.
 * Shape errors name the field; the values are checked against the sensor by the kernels.
 */
final class DetectionScanJson {

    /** One parsed line. */
    record Line(String region, Scan scan) {
    }

    Line parse(String text) throws BadLineException {
        JsonNode node = JsonFields.object(text);
        String region = JsonFields.text(node, "region");
        String sensorId = JsonFields.text(node, "sensorId");
        long timestamp = JsonFields.integer(node, "timestamp", "", " (epoch milliseconds)");
        JsonNode list = node.get("detections");
        if (list == null || !list.isArray()) {
            throw new BadLineException("detections must be a list (empty for a scan that saw nothing), got " + list);
        }
        List<Detection> detections = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            String prefix = "detections[" + i + "].";
            if (!d.isObject()) {
                throw new BadLineException("detections[" + i + "] must be an object {\"z\": [...]}, got " + d);
            }
            double[] z = JsonFields.vector(d, "z", prefix);
            double[][] R = d.hasNonNull("R") ? JsonFields.matrix(d, "R", prefix) : null;
            detections.add(new Detection(z, R));
        }
        return new Line(region, new Scan(sensorId, timestamp, detections));
    }
}
