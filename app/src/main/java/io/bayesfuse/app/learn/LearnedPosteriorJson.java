package io.bayesfuse.app.learn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.PosteriorSummary;
import io.bayesfuse.kernels.learning.WeightPosterior;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Writes one output line of {@code learn}, after a batch: {@code {"modelId", "timestamp", "version",
 * "examples", "batchExamples", "mean", "sd", ["noiseVariance", "noiseDegreesOfFreedom"], "batch": scores,
 * "total": scores}}, where the scores are the prequential ones (each example scored before it was
 * learned): {@code "examples", "logPredictive"} (mean), and for regression {@code "rmse",
 * "coverage": {"0.50", "0.90", "0.95"}}, for classifiers {@code "accuracy", "calibrationError"}.
 * A batch whose update failed adds {@code "restarted": "why"} (the model restarts from its prior, as in
 * the stream). Numbers in Java's shortest round-trip form; non-finite ones as null.
 */
final class LearnedPosteriorJson {

    /** Weights whose marginal standard deviations are written at most (as the HTTP API). */
    static final int SD_LIMIT = 1000;
    private static final JsonMapper JSON = new JsonMapper();

    private LearnedPosteriorJson() {
    }

    static String format(OfflineLearners.Learned learned, ModelKind kind) {
        WeightPosterior posterior = learned.posterior();
        PosteriorSummary summary = learned.learner().summarise(posterior, SD_LIMIT);
        ObjectNode line = JSON.createObjectNode().put("modelId", learned.modelId());
        if (posterior.time() != WeightPosterior.NO_TIME) {
            line.put("timestamp", posterior.time());
        }
        line.put("version", posterior.version()).put("examples", posterior.examples());
        if (learned.batchScores() != null) {
            line.put("batchExamples", learned.batchScores().examples());
        }
        for (double m : summary.mean()) {
            line.withArray("mean").add(m);
        }
        for (double s : summary.sd()) {
            line.withArray("sd").add(s);
        }
        if (Double.isFinite(summary.noiseVariance())) {
            line.put("noiseVariance", summary.noiseVariance());
            number(line, "noiseDegreesOfFreedom", summary.noiseDegrees());
        }
        if (learned.batchScores() != null) {
            line.set("batch", scores(learned.batchScores(), kind));
        }
        line.set("total", scores(learned.totalScores(), kind));
        if (learned.restarted()) {
            line.put("restarted", learned.failure());
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prequential scores as a JSON object. */
    static ObjectNode scores(Calibration scores, ModelKind kind) {
        ObjectNode node = JSON.createObjectNode().put("examples", scores.examples());
        number(node, "logPredictive", scores.meanLogPredictive());
        if (kind == ModelKind.LINEAR) {
            number(node, "rmse", scores.rootMeanSquaredError());
            ObjectNode coverage = node.putObject("coverage");
            for (int i = 0; i < Calibration.LEVELS.length; i++) {
                number(coverage, String.format(Locale.ROOT, "%.2f", Calibration.LEVELS[i]), scores.coverage(i));
            }
        } else {
            number(node, "accuracy", scores.accuracy());
            number(node, "calibrationError", scores.expectedCalibrationError());
        }
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
