package io.bayesfuse.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bayesfuse.app.BayesfuseCommand;
import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.PosteriorSummary;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.assembly.Learners;
import io.bayesfuse.kernels.learning.algebra.Nd4jRuntime;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.learning.LearnerStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearnCommandTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String CONFIG = """
            application: {id: learn-test}
            models:
              prices: {type: linear, features: 2, bias: true, prior: {mean: 0, variance: 10}, noise: {variance: 0.5, known: false, strength: 2}, batch: 4, flushAfterMillis: 1000}
              churn: {type: logistic, features: 2, batch: 3, flushAfterMillis: 1000}
            """;

    @TempDir
    Path temp;

    private record Run(int exitCode, List<String> output, String stdout, String stderr) {
        JsonNode line(int i) throws Exception {
            return JSON.readTree(output.get(i));
        }
    }

    private Run learn(String config, List<String> lines) throws Exception {
        Path configFile = Files.writeString(temp.resolve("config.yaml"), config);
        Path input = Files.write(temp.resolve("examples.jsonl"), lines);
        Path output = temp.resolve("posteriors.jsonl");
        CommandLine cl = BayesfuseCommand.commandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute("learn", "--config", configFile.toString(), "--input", input.toString(), "--output", output.toString());
        return new Run(code, Files.exists(output) ? Files.readAllLines(output) : List.of(), out.toString(), err.toString());
    }

    private static String example(String model, double x1, double x2, double y, long time) {
        return String.format(Locale.ROOT, "{\"modelId\": \"%s\", \"features\": [%s, %s], \"target\": %s, \"timestamp\": %d}",
                model, x1, x2, y, time);
    }

    /** Ten regression examples 100 ms apart (within one flush time): only full batches and the end of the input learn. */
    private static List<double[]> regressionData() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double x1 = Math.sin(i + 1.0);
            double x2 = Math.cos(3.0 * i);
            rows.add(new double[]{x1, x2, 0.5 + 2 * x1 - x2 + 0.1 * Math.sin(7.0 * i), 100L * i});
        }
        return rows;
    }

    /** The kernels' learner over the same examples in the same batches. */
    private static PosteriorSummary kernelsPosterior(List<double[]> rows, int... batchEnds) {
        LearnerStage.Model model = LearnerStage.compile(ConfigLoader.parse(CONFIG, "test")).get("prices");
        Nd4jRuntime.initialise();
        try (OnlineLearner learner = Learners.create(model.spec(), 2)) {
            WeightPosterior posterior = learner.prior();
            int from = 0;
            for (int end : batchEnds) {
                List<LabelledExample> batch = new ArrayList<>();
                for (double[] r : rows.subList(from, end)) {
                    batch.add(new LabelledExample(new FeatureVector.Dense(new double[]{r[0], r[1]}), r[2], 1.0, (long) r[3]));
                }
                learner.learn(posterior, batch);
                from = end;
            }
            return learner.summarise(posterior, 1000);
        }
    }

    @Test
    void aFileOfExamplesGivesThePosteriorTheKernelsGiveInTheStagesBatches() throws Exception {
        List<String> lines = regressionData().stream().map(r -> example("prices", r[0], r[1], r[2], (long) r[3])).toList();
        Run run = learn(CONFIG, lines);
        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        // two full batches of 4, then the last 2 at the end of the input
        assertThat(run.output()).hasSize(3);
        assertThat(run.line(0).get("batchExamples").asInt()).isEqualTo(4);
        assertThat(run.line(2).get("batchExamples").asInt()).isEqualTo(2);
        JsonNode last = run.line(2);
        assertThat(last.get("modelId").asText()).isEqualTo("prices");
        assertThat(last.get("version").asLong()).isEqualTo(3);
        assertThat(last.get("examples").asLong()).isEqualTo(10);
        assertThat(last.get("timestamp").asLong()).isEqualTo(900);
        PosteriorSummary expected = kernelsPosterior(regressionData(), 4, 8, 10);
        assertThat(last.get("mean")).hasSize(3);
        for (int j = 0; j < 3; j++) {
            assertThat(last.get("mean").get(j).asDouble()).isEqualTo(expected.mean()[j]);
            assertThat(last.get("sd").get(j).asDouble()).isEqualTo(expected.sd()[j]);
        }
        assertThat(last.get("noiseVariance").asDouble()).isEqualTo(expected.noiseVariance());
        // the prequential scores: the first batch scored by the prior, all ten by the end
        assertThat(run.line(0).get("batch").get("examples").asLong()).isEqualTo(4);
        assertThat(last.get("total").get("examples").asLong()).isEqualTo(10);
        assertThat(last.get("total").get("coverage").get("0.95").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.stdout()).contains("model prices: 10 examples in 3 batches; prequential log predictive");
    }

    @Test
    void aBatchThatIsNotFullIsLearnedOnceStreamTimeHasPassedItsFlushTime() throws Exception {
        List<double[]> rows = regressionData();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(example("prices", rows.get(i)[0], rows.get(i)[1], rows.get(i)[2], 100L * i));
        }
        // a churn example at 1,000 ms brings stream time to the prices batch's due time (0 + 1,000): it is learned first
        lines.add(example("churn", 1, -1, 1, 1000));
        lines.add(example("prices", rows.get(3)[0], rows.get(3)[1], rows.get(3)[2], 1100));
        Run run = learn(CONFIG, lines);
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).hasSize(3);
        assertThat(run.line(0).get("modelId").asText()).isEqualTo("prices");
        assertThat(run.line(0).get("batchExamples").asInt()).isEqualTo(3);
        // at the end: churn (due at 2,000) before prices (due at 2,100)
        assertThat(run.line(1).get("modelId").asText()).isEqualTo("churn");
        assertThat(run.line(1).get("batch").has("accuracy")).isTrue();
        assertThat(run.line(2).get("modelId").asText()).isEqualTo("prices");
        assertThat(run.line(2).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndSkippedAndTheRestIsLearned() throws Exception {
        List<double[]> rows = regressionData();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(example("prices", rows.get(i)[0], rows.get(i)[1], rows.get(i)[2], (long) rows.get(i)[3]));
            if (i == 1) {
                lines.add("{\"modelId\": \"prices\", \"features\": [1.0], \"target\": 1, \"timestamp\": 150}");
                lines.add("not json");
                lines.add(example("churn", 1, 2, 3, 160));
                lines.add(example("nobody", 1, 2, 3, 170));
                lines.add("{\"modelId\": \"prices\", \"features\": [1.0, NaN], \"target\": 1, \"timestamp\": 180}");
                lines.add("{\"modelId\": \"prices\", \"features\": [1.0, 2.0], \"target\": 1}");
            }
        }
        Run run = learn(CONFIG, lines);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(
                "line 3: WRONG_DIMENSION: example of model 'prices': 1 features, the model has 2 (skipped)",
                "line 4: not valid JSON",
                "line 5: INVALID_TARGET: example of model 'churn': target 3.0 is not a class index 0..1 (skipped)",
                "line 6: model 'nobody' is not configured (models.nobody) (skipped)",
                "line 7: NON_FINITE: example of model 'prices': feature",
                "line 8: timestamp must be an integer (epoch milliseconds) but is missing (skipped)",
                "bayesfuse learn: 6 of 16 lines skipped");
        JsonNode last = run.line(run.output().size() - 1);
        PosteriorSummary expected = kernelsPosterior(rows, 4, 8, 10);
        assertThat(last.get("examples").asLong()).isEqualTo(10);
        assertThat(last.get("mean").get(1).asDouble()).isCloseTo(expected.mean()[1], within(0.0));
    }

    @Test
    void aConfigurationWithoutModelsIsRefusedAsUnusable() throws Exception {
        Run run = learn("application: {id: learn-test}\n", List.of(example("prices", 1, 2, 3, 0)));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("bayesfuse learn: ").contains("models");
    }
}
