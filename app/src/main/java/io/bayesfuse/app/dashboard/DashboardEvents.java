package io.bayesfuse.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.Detection;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.kernels.gaussian.ConfidenceEllipse;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.query.MapGeometry;
import io.bayesfuse.topology.query.MeasurementProjection;
import io.bayesfuse.topology.query.PosteriorSummary;

import java.util.List;
import java.util.Map;

/**
 * The dashboard's JSON events, one per output record (short field names: a busy page receives
 * many): {@code estimate}, {@code smoothed}, {@code changepoint}, {@code measurement}, {@code truth},
 * {@code fused}, {@code deadLetter}, and from the tracking stage {@code track}, {@code scan} and the
 * {@code scores} of the tracks and filters against the truth ({@link ScoreBoard}).
 * Positions, ellipses and posterior summaries come from the topology's query views.
 */
public final class DashboardEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private final MapGeometry geometry;
    private final MeasurementProjection projection;

    public DashboardEvents(BayesfuseConfig config) {
        this.geometry = new MapGeometry(config);
        this.projection = new MeasurementProjection(config);
    }

    /** {type, id, t, status, sensor, mt, filter, nis, x, y, vx, vy, e: [a, b, angle]}. */
    public ObjectNode estimate(Estimate e) {
        ObjectNode node = JSON.createObjectNode().put("type", "estimate").put("id", e.getEntityId())
                .put("t", e.getTimestamp().toEpochMilli()).put("status", e.getStatus().name())
                .put("filter", e.getFilterType());
        if (e.getSensorId() != null) {
            node.put("sensor", e.getSensorId());
        }
        if (e.getMeasurementTimestamp() != null) {
            node.put("mt", e.getMeasurementTimestamp().toEpochMilli());
        }
        if (e.getNis() != null) {
            node.put("nis", e.getNis());
        }
        MapGeometry.Placement place = geometry.place(e.getMotionModel(), doubles(e.getMean()),
                doubles(e.getCovariance().getValues()));
        if (place != null) {
            node.put("x", place.x()).put("y", place.y());
            if (Double.isFinite(place.vx())) {
                node.put("vx", place.vx()).put("vy", place.vy());
            }
            ConfidenceEllipse ellipse = place.ellipse();
            if (ellipse != null) {
                node.putArray("e").add(ellipse.semiMajor()).add(ellipse.semiMinor()).add(ellipse.angle());
            }
        }
        return node;
    }

    /** {type: "smoothed", id, t, mt, x, y}: a fixed-lag smoothed estimate, or null when it has no place on the map. */
    public ObjectNode smoothed(Estimate e) {
        MapGeometry.Placement place = geometry.place(e.getMotionModel(), doubles(e.getMean()),
                doubles(e.getCovariance().getValues()));
        if (place == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode().put("type", "smoothed").put("id", e.getEntityId())
                .put("t", e.getTimestamp().toEpochMilli()).put("x", place.x()).put("y", place.y());
        if (e.getMeasurementTimestamp() != null) {
            node.put("mt", e.getMeasurementTimestamp().toEpochMilli());
        }
        return node;
    }

    /** {type: "changepoint", sensor, t, start, p, delay, stat, action, partition, entity, reset (count)}. */
    public ObjectNode changepoint(Changepoint c) {
        ObjectNode node = JSON.createObjectNode().put("type", "changepoint").put("sensor", c.getSensorId())
                .put("t", c.getTimestamp().toEpochMilli()).put("p", c.getChangeProbability()).put("delay", c.getDelay())
                .put("stat", c.getStatistic()).put("action", c.getAction().name()).put("partition", c.getPartition())
                .put("entity", c.getEntityId()).put("reset", c.getResetEntities().size());
        if (c.getChangeStart() != null) {
            node.put("start", c.getChangeStart().toEpochMilli());
        }
        if (c.getInflation() != null) {
            node.put("inflation", c.getInflation());
        }
        return node;
    }

    /** {type, id, sensor, t, x, y}, or null when the measurement has no place on the map. */
    public ObjectNode measurement(Measurement m, long recordTimestamp) {
        double[] xy = projection.place(m.getSensorId(), m.getZ());
        if (xy == null) {
            return null;
        }
        long t = m.getTimestamp() == null ? recordTimestamp : m.getTimestamp().toEpochMilli();
        return JSON.createObjectNode().put("type", "measurement").put("id", m.getEntityId()).put("sensor", m.getSensorId())
                .put("t", t).put("x", xy[0]).put("y", xy[1]);
    }

    /**
     * {type: "track", id, region, t, status (TENTATIVE, CONFIRMED, DELETED), x, y, vx, vy, e}: a track of the
     * tracking stage, or null when it has no place on the map.
     */
    public ObjectNode track(Estimate e) {
        MapGeometry.Placement place = geometry.place(e.getMotionModel(), doubles(e.getMean()),
                doubles(e.getCovariance().getValues()));
        if (place == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode().put("type", "track").put("id", e.getEntityId())
                .put("region", e.getRegion()).put("t", e.getTimestamp().toEpochMilli()).put("status", e.getStatus().name())
                .put("x", place.x()).put("y", place.y());
        if (Double.isFinite(place.vx())) {
            node.put("vx", place.vx()).put("vy", place.vy());
        }
        ConfidenceEllipse ellipse = place.ellipse();
        if (ellipse != null) {
            node.putArray("e").add(ellipse.semiMajor()).add(ellipse.semiMinor()).add(ellipse.angle());
        }
        return node;
    }

    /** {type: "scan", region, sensor, t, d: [[x, y], ...]}: a scan's unlabelled detections placed on the map. */
    public ObjectNode scan(DetectionScan scan, long recordTimestamp) {
        ObjectNode node = JSON.createObjectNode().put("type", "scan").put("region", scan.getRegion())
                .put("sensor", scan.getSensorId())
                .put("t", scan.getTimestamp() == null ? recordTimestamp : scan.getTimestamp().toEpochMilli());
        ArrayNode d = node.putArray("d");
        for (Detection detection : scan.getDetections()) {
            double[] xy = projection.place(scan.getSensorId(), detection.getZ());
            if (xy != null) {
                d.addArray().add(xy[0]).add(xy[1]);
            }
        }
        return node;
    }

    /** {type, id, t, x, y}. */
    public ObjectNode truth(String entityId, long time, double x, double y) {
        return JSON.createObjectNode().put("type", "truth").put("id", entityId).put("t", time).put("x", x).put("y", y);
    }

    /** Components of a fused posterior the page shows at most (a large model's parameters are cut). */
    static final int FUSED_COMPONENTS = 12;

    /** {type, id, method, t, n, mean[], sd[] (at most {@value #FUSED_COMPONENTS}), sources{id: version}, weights{id: w}, updated, change}. */
    public ObjectNode fused(FusedPosterior f) {
        ObjectNode node = JSON.createObjectNode().put("type", "fused").put("id", f.getQuantityId()).put("method", f.getMethod());
        if (f.getChange() != null) {
            node.put("change", f.getChange().name());
        }
        if (f.getTimestamp() != null) {
            node.put("t", f.getTimestamp().toEpochMilli());
        }
        try {
            PosteriorSummary summary = PosteriorSummary.of(f.getPosterior());
            ArrayNode mean = node.putArray("mean");
            ArrayNode sd = node.putArray("sd");
            node.put("n", summary.mean().length);
            for (int i = 0; i < Math.min(summary.mean().length, FUSED_COMPONENTS); i++) {
                mean.add(summary.mean()[i]);
                sd.add(summary.sd()[i]);
            }
        } catch (IllegalArgumentException e) {
            node.put("problem", e.getMessage());
        }
        ObjectNode sources = node.putObject("sources");
        f.getSources().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(s -> sources.put(s.getKey(), s.getValue()));
        if (f.getWeights() != null) {
            ObjectNode weights = node.putObject("weights");
            f.getWeights().forEach(weights::put);
        }
        if (f.getQuarantined() != null && !f.getQuarantined().isEmpty()) {
            ObjectNode quarantined = node.putObject("quarantined");
            f.getQuarantined().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(s -> quarantined.put(s.getKey(), s.getValue()));
        }
        if (f.getUpdatedSource() != null) {
            node.put("updated", f.getUpdatedSource());
        }
        return node;
    }

    /** {type: "fusedRemoved", id}: no source contributes to the quantity any more. */
    public ObjectNode fusedRemoved(String quantityId) {
        return JSON.createObjectNode().put("type", "fusedRemoved").put("id", quantityId);
    }

    /** {type, reason, message, topic}. */
    public ObjectNode deadLetter(DeadLetter d) {
        return JSON.createObjectNode().put("type", "deadLetter").put("reason", d.getReason().name())
                .put("message", d.getMessage()).put("topic", d.getSourceTopic());
    }

    /** {type: "quantityTruth", id, w[]}. */
    public ObjectNode quantityTruth(String quantityId, double[] weights) {
        ObjectNode node = JSON.createObjectNode().put("type", "quantityTruth").put("id", quantityId);
        ArrayNode w = node.putArray("w");
        for (double v : weights) {
            w.add(v);
        }
        return node;
    }

    private static double[] doubles(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
