package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.topology.query.PosteriorSummary;

/**
 * The JSON of a fused posterior: quantity, method, time, sources with versions, weights, each
 * component's mean and standard deviation, and the full covariance when the posterior is a
 * Gaussian of at most {@value #FULL_COVARIANCE_LIMIT} components. Long parameter vectors (a Fisher
 * merge of a large model) are cut at {@code limit} components, saying so.
 */
final class QuantityJson {

    static final int FULL_COVARIANCE_LIMIT = 64;

    private QuantityJson() {
    }

    static ObjectNode of(FusedPosterior fused, int limit) {
        ObjectNode node = Json.object().put("quantityId", fused.getQuantityId()).put("method", fused.getMethod());
        if (fused.getTimestamp() != null) {
            node.put("timestamp", fused.getTimestamp().toEpochMilli());
        }
        ObjectNode sources = node.putObject("sources");
        fused.getSources().forEach(sources::put);
        if (fused.getSourceCount() != null) {
            node.put("sourceCount", fused.getSourceCount());
        }
        if (fused.getSourcesDigest() != null) {
            node.put("sourcesDigest", fused.getSourcesDigest());
        }
        if (fused.getWeights() != null) {
            ObjectNode weights = node.putObject("weights");
            fused.getWeights().forEach(weights::put);
        }
        if (fused.getQuarantined() != null) {
            ObjectNode quarantined = node.putObject("quarantined");
            fused.getQuarantined().forEach(quarantined::put);
        }
        node.put("posteriorType", fused.getPosterior().getClass().getSimpleName());
        PosteriorSummary summary = PosteriorSummary.of(fused.getPosterior());
        int n = summary.mean().length;
        int shown = Math.min(n, limit);
        node.put("dimension", n);
        if (shown < n) {
            node.put("truncated", true);
        }
        ArrayNode mean = node.putArray("mean");
        ArrayNode sd = node.putArray("sd");
        for (int i = 0; i < shown; i++) {
            mean.add(summary.mean()[i]);
            sd.add(summary.sd()[i]);
        }
        if (fused.getPosterior() instanceof GaussianPosterior g && g.getCovariance() instanceof FullCovariance full
                && n <= FULL_COVARIANCE_LIMIT) {
            double[][] rows = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    rows[i][j] = full.getMatrix().getValues().get(i * n + j);
                }
            }
            node.set("covariance", Json.matrix(rows));
        }
        return node;
    }
}
