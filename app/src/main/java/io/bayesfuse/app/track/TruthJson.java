package io.bayesfuse.app.track;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JsonFields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a truth file of the tracking scenarios:
 * {@code {"timestamp": 1000, "truth": [{"id": "T01", "x": [p1, v1, p2, v2]}, ...]}} per line, with an
 * optional {@code "region"} (without one, a line is the truth of every region at that time).
 */
final class TruthJson {

    private TruthJson() {
    }

    /** The true states by time, then by region ("" for every region). */
    static Map<Long, Map<String, List<double[]>>> read(Path file) throws IOException, BadLineException {
        Map<Long, Map<String, List<double[]>>> truth = new HashMap<>();
        int number = 0;
        for (String text : Files.readAllLines(file)) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JsonFields.object(text);
                long timestamp = JsonFields.integer(node, "timestamp", "", " (epoch milliseconds)");
                String region = node.hasNonNull("region") ? JsonFields.text(node, "region") : "";
                JsonNode targets = node.get("truth");
                if (targets == null || !targets.isArray()) {
                    throw new BadLineException("truth must be a list of {\"id\", \"x\"}, got " + targets);
                }
                List<double[]> states = truth.computeIfAbsent(timestamp, t -> new HashMap<>())
                        .computeIfAbsent(region, r -> new ArrayList<>());
                for (int i = 0; i < targets.size(); i++) {
                    states.add(JsonFields.vector(targets.get(i), "x", "truth[" + i + "]."));
                }
            } catch (BadLineException e) {
                throw new BadLineException(file + " line " + number + ": " + e.getMessage());
            }
        }
        return truth;
    }

    /** The truth of {@code region} at {@code time}, or null when the file has none. */
    static List<double[]> at(Map<Long, Map<String, List<double[]>>> truth, long time, String region) {
        Map<String, List<double[]>> byRegion = truth.get(time);
        if (byRegion == null) {
            return null;
        }
        List<double[]> own = byRegion.get(region);
        return own != null ? own : byRegion.get("");
    }
}
