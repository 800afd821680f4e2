package io.bayesfuse.app.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent past a newly opened page starts from: per entity its last estimates and truth
 * points and smoothed points, the last points of each live region track, the last scans, the last scores,
 * the last changepoints of each sensor, the last measurements, the last NIS values of each sensor, the newest fused posterior
 * of each quantity and the dead-letter counts by reason (since this instance started reading).
 * Bounded: old points fall off. Thread-safe.
 */
final class DashboardState {

    static final int TRACK_POINTS = 240;
    static final int MEASUREMENTS = 1500;
    static final int NIS_VALUES = 400;
    static final int CHANGEPOINTS = 50;
    static final int SCANS = 15;
    static final int SCORES = 240;

    private final Map<String, Deque<ObjectNode>> tracks = new TreeMap<>();
    private final Map<String, Deque<ObjectNode>> truth = new TreeMap<>();
    private final Map<String, Deque<ObjectNode>> smoothed = new TreeMap<>();
    private final Map<String, Deque<ObjectNode>> changepoints = new TreeMap<>();
    private final Deque<ObjectNode> measurements = new ArrayDeque<>();
    private final Map<String, Deque<ObjectNode>> nis = new TreeMap<>();
    private final Map<String, ObjectNode> fused = new TreeMap<>();
    private final Map<String, ObjectNode> quantityTruth = new TreeMap<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final Map<String, String> lastDeadLetter = new TreeMap<>();
    private final Map<String, Long> statusCounts = new TreeMap<>();
    private final Map<String, Deque<ObjectNode>> regionTracks = new TreeMap<>();
    private final Deque<ObjectNode> scans = new ArrayDeque<>();
    private final Deque<ObjectNode> scores = new ArrayDeque<>();
    /** The newest learning curves (a whole snapshot every two seconds). */
    private ObjectNode learning;
    private long estimates;

    synchronized void apply(ObjectNode event) {
        switch (event.get("type").asText()) {
            case "estimate" -> {
                estimates++;
                statusCounts.merge(event.get("status").asText(), 1L, Long::sum);
                if (event.has("x")) {
                    add(tracks.computeIfAbsent(event.get("id").asText(), id -> new ArrayDeque<>()), event, TRACK_POINTS);
                }
                if (event.has("nis") && event.has("sensor")) {
                    add(nis.computeIfAbsent(event.get("sensor").asText(), s -> new ArrayDeque<>()), event, NIS_VALUES);
                }
            }
            case "smoothed" -> add(smoothed.computeIfAbsent(event.get("id").asText(), id -> new ArrayDeque<>()), event, TRACK_POINTS);
            case "changepoint" -> add(changepoints.computeIfAbsent(event.get("sensor").asText(), id -> new ArrayDeque<>()), event,
                    CHANGEPOINTS);
            case "measurement" -> add(measurements, event, MEASUREMENTS);
            case "truth" -> add(truth.computeIfAbsent(event.get("id").asText(), id -> new ArrayDeque<>()), event, TRACK_POINTS);
            case "fused" -> fused.put(event.get("id").asText(), event);
            case "fusedRemoved" -> fused.remove(event.get("id").asText());
            case "quantityTruth" -> quantityTruth.put(event.get("id").asText(), event);
            case "deadLetter" -> {
                String reason = event.get("reason").asText();
                deadLetters.merge(reason, 1L, Long::sum);
                lastDeadLetter.put(reason, event.get("message").asText());
            }
            case "track" -> {
                String id = event.get("id").asText();
                if ("DELETED".equals(event.get("status").asText())) {
                    regionTracks.remove(id);
                } else {
                    add(regionTracks.computeIfAbsent(id, k -> new ArrayDeque<>()), event, TRACK_POINTS);
                }
            }
            case "scan" -> add(scans, event, SCANS);
            case "scores" -> add(scores, event, SCORES);
            case "learning" -> learning = event;
            default -> throw new IllegalArgumentException("unknown dashboard event type " + event.get("type"));
        }
    }

    /** Everything kept, as one JSON object (the static part of the page is added by the caller). */
    synchronized ObjectNode snapshot() {
        ObjectNode root = DashboardEvents.JSON.createObjectNode();
        ObjectNode trackNode = root.putObject("tracks");
        tracks.forEach((id, points) -> trackNode.putArray(id).addAll(points));
        ObjectNode truthNode = root.putObject("truth");
        truth.forEach((id, points) -> truthNode.putArray(id).addAll(points));
        ObjectNode smoothedNode = root.putObject("smoothed");
        smoothed.forEach((id, points) -> smoothedNode.putArray(id).addAll(points));
        ObjectNode changeNode = root.putObject("changepoints");
        changepoints.forEach((sensor, list) -> changeNode.putArray(sensor).addAll(list));
        root.putArray("measurements").addAll(measurements);
        ObjectNode nisNode = root.putObject("nis");
        nis.forEach((sensor, values) -> nisNode.putArray(sensor).addAll(values));
        ObjectNode fusedNode = root.putObject("fused");
        fused.forEach(fusedNode::set);
        ObjectNode quantityTruthNode = root.putObject("quantityTruth");
        quantityTruth.forEach(quantityTruthNode::set);
        ObjectNode dead = root.putObject("deadLetters");
        deadLetters.forEach((reason, count) -> dead.putObject(reason).put("count", count)
                .put("message", lastDeadLetter.get(reason)));
        ObjectNode regionNode = root.putObject("regionTracks");
        regionTracks.forEach((id, points) -> regionNode.putArray(id).addAll(points));
        root.putArray("scans").addAll(scans);
        root.putArray("scores").addAll(scores);
        if (learning != null) {
            root.set("learning", learning);
        }
        ObjectNode counts = root.putObject("counts").put("estimates", estimates);
        statusCounts.forEach(counts::put);
        return root;
    }

    synchronized long estimates() {
        return estimates;
    }

    synchronized int fusedQuantities() {
        return fused.size();
    }

    private static void add(Deque<ObjectNode> deque, ObjectNode event, int limit) {
        deque.addLast(event);
        while (deque.size() > limit) {
            deque.removeFirst();
        }
    }
}
