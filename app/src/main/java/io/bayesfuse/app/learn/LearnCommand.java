package io.bayesfuse.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JobFiles;
import io.bayesfuse.app.jsonl.JsonFields;
import io.bayesfuse.app.jsonl.JsonLinesJob;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.algebra.Nd4jRuntime;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.learning.Examples;
import io.bayesfuse.topology.learning.LearnerStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse learn}: the online learners over a file of examples, with the stream stage's
 * reading of examples ({@link Examples}), its batching rule ({@link OfflineLearners}) and the kernels'
 * learners; writes a posterior summary with the prequential scores after every batch.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = {
                "Learn the configured models (models.<id>) offline from a file of examples, with the same logic the "
                        + "stream's learner stage runs: the same checks of each example, the same mini-batches (a batch "
                        + "is learned when it holds 'batch' examples, or once the newest timestamp read has reached its "
                        + "first example's timestamp plus 'flushAfterMillis'), the same kernels' updates.",
                "",
                "Input: JSON lines {\"modelId\", \"features\": [...] (or \"indices\", \"values\", \"dimension\"), "
                        + "\"target\", \"timestamp\" (epoch ms), [\"weight\"], [\"sourceId\"]}, the fields of the Example "
                        + "contract.",
                "Output: after each batch, one JSON line {\"modelId\", \"timestamp\", \"version\", \"examples\", "
                        + "\"batchExamples\", \"mean\", \"sd\", [\"noiseVariance\", \"noiseDegreesOfFreedom\"], \"batch\", "
                        + "\"total\"}: the posterior summary and the prequential scores (each example scored before it "
                        + "was learned) of the batch and of all the model's examples so far. At the end of the input the "
                        + "batches still gathering are learned; a summary per model goes to standard output.",
                "",
                "A bad line (not JSON, a missing field, an unknown model, a wrong dimension, NaN, a class index out "
                        + "of range) does not stop the run: it is reported on standard error as 'line N: problem' and "
                        + "the other lines are processed.",
                "",
                "Exit status: 0 when every line was processed, 1 when some lines were skipped as bad, "
                        + "2 when the configuration or the files cannot be used."
        })
public final class LearnCommand implements Callable<Integer> {

    @Mixin
    JobFiles files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, LearnerStage.Model> models;
        int nd4jFromDimension;
        try {
            BayesfuseConfig loaded = ConfigLoader.load(files.config);
            models = LearnerStage.compile(loaded);
            if (models.isEmpty()) {
                throw new ConfigException("models", "configures no model: there is nothing to learn");
            }
            nd4jFromDimension = loaded.learning().nd4jFromDimensionOrDefault();
        } catch (ConfigException e) {
            err.println("bayesfuse learn: " + e.getMessage());
            return JsonLinesJob.UNUSABLE;
        }
        Nd4jRuntime.initialise();
        try (OfflineLearners learners = new OfflineLearners(models, nd4jFromDimension)) {
            int status = JsonLinesJob.run("learn", files.input, files.output, err, (lineNumber, text, writer) -> {
                JsonNode node = JsonFields.object(text);
                long timestamp = ExampleJson.timestamp(node);
                write(writer, learners, learners.advance(timestamp), err);
                ExampleJson.Line line = ExampleJson.parse(node, timestamp);
                String modelId = line.example().getModelId();
                LearnerStage.Model model = learners.model(modelId);
                if (model == null) {
                    throw new BadLineException("model '" + modelId + "' is not configured (models." + modelId + ")");
                }
                LabelledExample example;
                try {
                    example = Examples.toKernel(modelId, line.example(), model.spec(), timestamp);
                } catch (DeadLetterException e) {
                    throw new BadLineException(e.reason() + ": " + e.getMessage());
                }
                OfflineLearners.Learned learned = learners.add(modelId, example, timestamp);
                if (learned != null) {
                    write(writer, learners, List.of(learned), err);
                }
            });
            if (status != JsonLinesJob.UNUSABLE) {
                status = finish(learners, status, err);
            }
            summary(learners, out);
            return status;
        }
    }

    /** Learns the batches still gathering and appends their lines to the output. */
    private int finish(OfflineLearners learners, int status, PrintWriter err) {
        List<OfflineLearners.Learned> last = learners.finish();
        try (BufferedWriter writer = java.nio.file.Files.newBufferedWriter(files.output, java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND)) {
            write(writer, learners, last, err);
        } catch (IOException e) {
            err.println("bayesfuse learn: writing '" + files.output + "' failed: " + e.getMessage());
            return JsonLinesJob.UNUSABLE;
        }
        return status;
    }

    private static void write(BufferedWriter writer, OfflineLearners learners, List<OfflineLearners.Learned> learned,
                              PrintWriter err) throws IOException {
        for (OfflineLearners.Learned batch : learned) {
            if (batch.restarted()) {
                err.println("model '" + batch.modelId() + "': " + batch.failure() + "; restarted from its prior");
            }
            writer.write(LearnedPosteriorJson.format(batch, learners.model(batch.modelId()).spec().kind()));
            writer.newLine();
        }
    }

    private static void summary(OfflineLearners learners, PrintWriter out) {
        learners.models().forEach((id, model) -> {
            var scores = model.totalScores();
            ModelKind kind = learners.model(id).spec().kind();
            String quality = kind == ModelKind.LINEAR
                    ? String.format(Locale.ROOT, "RMSE %.6f, coverage of the 50/90/95%% intervals %.4f/%.4f/%.4f",
                    scores.rootMeanSquaredError(), scores.coverage(0), scores.coverage(1), scores.coverage(2))
                    : String.format(Locale.ROOT, "accuracy %.4f, calibration error %.4f", scores.accuracy(),
                    scores.expectedCalibrationError());
            out.printf(Locale.ROOT, "model %s: %d examples in %d batches; prequential log predictive %.6f, %s%n", id,
                    model.posterior().examples(), model.posterior().version(), scores.meanLogPredictive(), quality);
        });
        out.flush();
    }
}
