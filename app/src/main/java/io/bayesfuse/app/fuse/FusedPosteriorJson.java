package io.bayesfuse.app.fuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.gaussian.Gaussian;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes one fused-posterior line (FORMAT.md's fusion {@code expected.jsonl}):
 * {@code {"quantityId", ["timestamp"], ..., "sources": {id: version}, ["quarantined": {id: version}]}}
 * (the timestamp for tracks: the time their sources were predicted to; quarantined only for quantities
 * with trust) with, by result,
 * <ul>
 *   <li>product: {@code "mean", "covariance"}</li>
 *   <li>covariance intersection: {@code "mean", "covariance", "weights"} (in the order of {@code sources})</li>
 *   <li>fisher: {@code "mean", "fisherDiagonal"} (the fused Σ λᵢFᵢ)</li>
 *   <li>mixture product: {@code "mean", "covariance"} (moment-matched) and {@code "components": [{"weight", "mean", "covariance"}]}</li>
 *   <li>consensus Monte Carlo: {@code "mean", "covariance"} (of the draws) and {@code "samples"}</li>
 *   <li>no valid posterior: {@code "status": "NOT_POSITIVE_DEFINITE" | "NO_SOURCES"} and a {@code "detail"}</li>
 * </ul>
 * Numbers are written in Java's shortest round-trip form.
 */
final class FusedPosteriorJson {

    private static final JsonMapper JSON = new JsonMapper();

    private FusedPosteriorJson() {
    }

    static String format(String quantityId, FusionResult result, Map<String, Long> sources) {
        return format(quantityId, null, result, sources);
    }

    /** @param timeMillis the time a track's fused posterior refers to (written as "timestamp"), or null */
    static String format(String quantityId, Long timeMillis, FusionResult result, Map<String, Long> sources) {
        return format(quantityId, timeMillis, result, sources, null);
    }

    /** @param quarantined under trust, the quarantined sources and their versions (written as "quarantined"); null without trust */
    static String format(String quantityId, Long timeMillis, FusionResult result, Map<String, Long> sources,
                         Map<String, Long> quarantined) {
        ObjectNode line = JSON.createObjectNode();
        line.put("quantityId", quantityId);
        if (timeMillis != null) {
            line.put("timestamp", timeMillis);
        }
        if (result instanceof FusionResult.GaussianPosterior g) {
            gaussian(line, g.posterior());
        } else if (result instanceof FusionResult.IntersectionPosterior ci) {
            gaussian(line, ci.posterior());
            vector(line.putArray("weights"), ci.weights());
        } else if (result instanceof FusionResult.FisherPosterior f) {
            vector(line.putArray("mean"), f.mean());
            vector(line.putArray("fisherDiagonal"), f.fisherDiagonal());
        } else if (result instanceof FusionResult.MixturePosterior m) {
            gaussian(line, m.moments());
            ArrayNode components = line.putArray("components");
            GaussianMixture mixture = m.mixture();
            for (int k = 0; k < mixture.size(); k++) {
                ObjectNode c = components.addObject();
                c.put("weight", mixture.weight(k));
                gaussian(c, mixture.component(k));
            }
        } else if (result instanceof FusionResult.SamplePosterior s) {
            gaussian(line, s.moments());
            ArrayNode samples = line.putArray("samples");
            for (double[] draw : s.draws()) {
                vector(samples.addArray(), draw);
            }
        } else if (result instanceof FusionResult.NotPositiveDefinite n) {
            line.put("status", "NOT_POSITIVE_DEFINITE");
            line.put("detail", n.detail());
        } else {
            line.put("status", "NO_SOURCES");
            line.put("detail", "no source contributes any more");
        }
        ObjectNode versions = line.putObject("sources");
        sources.forEach(versions::put);
        if (quarantined != null) {
            ObjectNode excluded = line.putObject("quarantined");
            quarantined.forEach(excluded::put);
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void gaussian(ObjectNode node, Gaussian g) {
        vector(node.putArray("mean"), g.mean());
        ArrayNode rows = node.putArray("covariance");
        for (double[] row : g.covariance()) {
            vector(rows.addArray(), row);
        }
    }

    private static void vector(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }
}
