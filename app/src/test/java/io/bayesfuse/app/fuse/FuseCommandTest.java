package io.bayesfuse.app.fuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bayesfuse.app.BayesfuseCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FuseCommandTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String PRODUCT = "fusion: {method: product, prior: {mean: [0], covariance: [[1]]}}";

    @TempDir
    Path temp;

    private static JsonNode json(String line) throws Exception {
        return JSON.readTree(line);
    }

    @Test
    void writesTheFusedPosteriorAfterEveryAcceptedUpdate() throws Exception {
        FuseRunner run = FuseRunner.run(temp, PRODUCT,
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [1.0], \"covariance\": [[0.5]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"b\", \"version\": 1, \"mean\": [1.0], \"covariance\": [[0.5]]}");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).hasSize(2);
        JsonNode last = json(run.output().get(1));
        // Λ = 2 + 2 − 1 = 3, η = 4
        assertThat(last.get("mean").get(0).asDouble()).isCloseTo(4.0 / 3.0, within(1e-15));
        assertThat(last.get("covariance").get(0).get(0).asDouble()).isCloseTo(1.0 / 3.0, within(1e-15));
        assertThat(last.get("sources").toString()).isEqualTo("{\"a\":1,\"b\":1}");
        java.util.List<String> fields = new java.util.ArrayList<>();
        json(run.output().get(0)).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("quantityId", "mean", "covariance", "sources");
    }

    @Test
    void staleUpdatesAreIgnoredAndReportedOnStandardError() throws Exception {
        FuseRunner run = FuseRunner.run(temp, PRODUCT,
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 2, \"mean\": [1.0], \"covariance\": [[0.5]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [9.0], \"covariance\": [[0.5]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 2, \"mean\": [9.0], \"covariance\": [[0.5]]}");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).hasSize(1);
        assertThat(run.stderr()).contains(
                "line 2: quantity 'w': source 'a' version 1 ignored: OLDER_VERSION (newest was 2)",
                "line 3: quantity 'w': source 'a' version 2 ignored: SAME_VERSION (newest was 2)");
    }

    @Test
    void badLinesAreSkippedNamingTheSourceAndTheRunGoesOn() throws Exception {
        FuseRunner run = FuseRunner.run(temp, "fusion: {method: product}",
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [1.0, 2.0], \"covariance\": [[1, 0], [0, 1]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"b\", \"version\": 1, \"mean\": [1.0, 2.0], \"covariance\": [[1, 0], [0, 1]]}",
                "{\"quantityId\": \"v\", \"sourceId\": \"c\", \"version\": 1, \"mean\": [NaN], \"covariance\": [[1]]}",
                "{\"quantityId\": \"v\", \"sourceId\": \"d\", \"version\": 1, \"mean\": [1.0], \"covariance\": [[-1]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 2, \"mean\": [1.0], \"covariance\": [[1]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"e\", \"version\": 1, \"mean\": [1.0]}",
                "not json",
                "{\"quantityId\": \"v\", \"sourceId\": \"c\", \"version\": 2, \"mean\": [3.0], \"covariance\": [[1]]}");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(
                "line 2: source 'b': prior is missing: a product of 2 posteriors must divide out the prior they share",
                "line 3: source 'c': mean has a non-finite value (NaN) at index 0 (skipped)",
                "line 4: source 'd': covariance is not positive definite (skipped)",
                "line 5: source 'a': mean has 1 components but the quantity has 2 (skipped)",
                "line 6: source 'e': no posterior: give covariance",
                "line 7: not valid JSON",
                "bayesfuse fuse: 6 of 8 lines skipped");
        assertThat(run.output()).hasSize(2);
        assertThat(json(run.output().get(1)).get("mean").get(0).asDouble()).isEqualTo(3.0);
    }

    @Test
    void aRetractionRemovesTheSourceFromTheFusedPosterior() throws Exception {
        FuseRunner run = FuseRunner.run(temp, "fusion: {method: covariance-intersection}",
                "{\"quantityId\": \"t\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [0, 0], \"covarianceDiagonal\": [1, 4]}",
                "{\"quantityId\": \"t\", \"sourceId\": \"b\", \"version\": 1, \"mean\": [2, 2], \"covarianceDiagonal\": [4, 1]}",
                "{\"quantityId\": \"t\", \"sourceId\": \"a\", \"version\": 2, \"retract\": true}",
                "{\"quantityId\": \"t\", \"sourceId\": \"b\", \"version\": 2, \"retract\": true}");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).hasSize(4);
        JsonNode both = json(run.output().get(1));
        assertThat(both.get("weights").get(0).asDouble()).isCloseTo(0.5, within(1e-12));
        JsonNode onlyB = json(run.output().get(2));
        assertThat(onlyB.get("mean").toString()).isEqualTo("[2.0,2.0]");
        assertThat(onlyB.get("weights").toString()).isEqualTo("[1.0]");
        assertThat(onlyB.get("sources").toString()).isEqualTo("{\"b\":1}");
        assertThat(json(run.output().get(3)).get("status").asText()).isEqualTo("NO_SOURCES");
    }

    @Test
    void inconsistentSourcesGiveANotPositiveDefiniteStatusLine() throws Exception {
        FuseRunner run = FuseRunner.run(temp, PRODUCT,
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [0], \"covariance\": [[5]]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"b\", \"version\": 1, \"mean\": [0], \"covariance\": [[5]]}");
        JsonNode line = json(run.output().get(1));
        assertThat(line.get("status").asText()).isEqualTo("NOT_POSITIVE_DEFINITE");
        assertThat(line.has("covariance")).isFalse();
        assertThat(line.get("detail").asText()).contains("not positive definite");
    }

    @Test
    void informationMixtureAndSampleFormsAreRead() throws Exception {
        FuseRunner information = FuseRunner.run(temp, "fusion: {method: product}",
                "{\"quantityId\": \"q\", \"sourceId\": \"a\", \"version\": 1, \"precision\": [[4]], \"informationVector\": [2]}");
        assertThat(json(information.output().get(0)).get("mean").get(0).asDouble()).isEqualTo(0.5);

        FuseRunner mixture = FuseRunner.run(temp, "fusion: {method: mixture-product, maxComponents: 1, prior: {mean: [0], covariance: [[100]]}}",
                "{\"quantityId\": \"q\", \"sourceId\": \"a\", \"version\": 1, \"components\": ["
                        + "{\"weight\": 1, \"mean\": [-1], \"covariance\": [[1]]}, {\"weight\": 1, \"mean\": [1], \"covariance\": [[1]]}]}");
        JsonNode m = json(mixture.output().get(0));
        assertThat(m.get("components")).hasSize(1);
        assertThat(m.get("covariance").get(0).get(0).asDouble()).isCloseTo(2.0, within(1e-12));

        FuseRunner samples = FuseRunner.run(temp, "fusion: {method: consensus-monte-carlo}",
                "{\"quantityId\": \"q\", \"sourceId\": \"a\", \"version\": 1, \"samples\": [[0], [1], [2]]}",
                "{\"quantityId\": \"q\", \"sourceId\": \"b\", \"version\": 1, \"samples\": [[2], [3], [4]]}");
        JsonNode s = json(samples.output().get(1));
        assertThat(s.get("samples")).hasSize(3);
        assertThat(s.get("mean").get(0).asDouble()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void fisherUpdatesForSeveralQuantitiesAreFusedSeparately() throws Exception {
        FuseRunner run = FuseRunner.run(temp, "fusion: {method: fisher, sourceWeights: {b: 3}}",
                "{\"quantityId\": \"m1\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [0, 1], \"fisherDiagonal\": [1, 1]}",
                "{\"quantityId\": \"m2\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [5], \"fisherDiagonal\": [1]}",
                "{\"quantityId\": \"m1\", \"sourceId\": \"b\", \"version\": 1, \"mean\": [1, 1], \"fisherDiagonal\": [1, 0]}");
        assertThat(run.output()).hasSize(3);
        JsonNode m1 = json(run.output().get(2));
        assertThat(m1.get("mean").toString()).isEqualTo("[0.75,1.0]");
        assertThat(m1.get("fisherDiagonal").toString()).isEqualTo("[4.0,1.0]");
        assertThat(json(run.output().get(1)).get("quantityId").asText()).isEqualTo("m2");
    }

    @Test
    void eachQuantityIsFusedByItsOwnSettingsOrTheDefaultAsInTheStream() throws Exception {
        FuseRunner run = FuseRunner.run(temp, PRODUCT + "\nquantities: {model: {method: fisher}}",
                "{\"quantityId\": \"model\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [1.0], \"fisherDiagonal\": [3.0]}",
                "{\"quantityId\": \"w\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [1.0], \"covariance\": [[0.5]]}",
                "{\"quantityId\": \"model\", \"sourceId\": \"b\", \"version\": 1, \"mean\": [0.0], \"fisherDiagonal\": [1.0]}");
        assertThat(run.exitCode()).isZero();
        assertThat(json(run.output().get(0)).has("fisherDiagonal")).isTrue();
        assertThat(json(run.output().get(1)).has("covariance")).isTrue();
        assertThat(json(run.output().get(2)).get("mean").get(0).asDouble()).isEqualTo(0.75);
    }

    @Test
    void tracksArePredictedToTheNewestTimestampBeforeFusing() throws Exception {
        String track = """
                motionModels:
                  rw: {type: random-walk, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 2.0}}
                fusion: {method: covariance-intersection, motionModel: rw}
                """;
        FuseRunner run = FuseRunner.run(temp, track,
                "{\"quantityId\": \"t\", \"sourceId\": \"a\", \"version\": 1, \"timestamp\": 1000, \"mean\": [1.0], \"covariance\": [[0.5]]}",
                "{\"quantityId\": \"t\", \"sourceId\": \"b\", \"version\": 1, \"timestamp\": 2000, \"mean\": [3.0], \"covariance\": [[3.0]]}",
                "{\"quantityId\": \"t\", \"sourceId\": \"c\", \"version\": 1, \"mean\": [3.0], \"covariance\": [[3.0]]}");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("line 3: source 'c': timestamp is missing, but quantity 't' is a track");
        JsonNode fused = json(run.output().get(1));
        // a's variance grows by q·dt = 2 over the second to 2.5, still below b's 3: in one dimension the
        // intersection keeps the sharper source, a as predicted to 2 s
        assertThat(fused.get("timestamp").asLong()).isEqualTo(2000);
        assertThat(fused.get("mean").get(0).asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(fused.get("covariance").get(0).get(0).asDouble()).isCloseTo(2.5, within(1e-6));
    }

    @Test
    void anInvalidConfigurationOrAMissingFusionSectionStopsBeforeReading() throws Exception {
        FuseRunner bad = FuseRunner.run(temp, "fusion: {method: fisher, criterion: trace}",
                "{\"quantityId\": \"q\", \"sourceId\": \"a\", \"version\": 1, \"mean\": [0], \"fisherDiagonal\": [1]}");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("fusion.criterion: applies only to method covariance-intersection");
        FuseRunner none = FuseRunner.run(temp, "sensors: {}", "{}");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("fusion: is required by this command");
    }

    @Test
    void helpDescribesTheFormatsAndExitStatus() {
        CommandLine cl = BayesfuseCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("fuse", "--help")).isZero();
        assertThat(out.toString()).contains("--config", "--input", "--output", "covarianceDiagonal", "informationVector",
                "fisherDiagonal", "components", "samples", "retract", "NOT_POSITIVE_DEFINITE", "Exit status");
    }

    /**
     * Trust offline as in the stream: three honest sources and one (d) whose second update is 12σ
     * off; d is quarantined, left out of the fused posterior and listed as quarantined, and readmitted
     * after readmitAfter (2) consistent updates in a row.
     */
    @Test
    void withTrustABiasedSourceIsQuarantinedListedAndReadmittedAsInTheStream() throws Exception {
        String config = "fusion: {method: covariance-intersection, trust: {probability: 0.999, action: quarantine, readmitAfter: 2}}";
        java.util.List<String> lines = new java.util.ArrayList<>();
        double[][] means = {{0.1, -0.2}, {-0.3, 0.2}, {0.2, 0.1}};
        for (int k = 0; k < 3; k++) {
            lines.add(gaussianLine("abc".substring(k, k + 1), 1, means[k]));
        }
        lines.add(gaussianLine("d", 1, new double[]{0.0, 0.1}));
        lines.add(gaussianLine("d", 2, new double[]{12.0, 0.0}));
        lines.add(gaussianLine("d", 3, new double[]{0.1, 0.0}));
        lines.add(gaussianLine("d", 4, new double[]{-0.1, 0.0}));
        FuseRunner run = FuseRunner.run(temp, config, lines.toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).hasSize(7);
        JsonNode honest = json(run.output().get(3));
        assertThat(honest.get("quarantined").toString()).isEqualTo("{}");
        JsonNode quarantined = json(run.output().get(4));
        assertThat(quarantined.get("quarantined").toString()).isEqualTo("{\"d\":2}");
        assertThat(quarantined.get("sources").toString()).isEqualTo("{\"a\":1,\"b\":1,\"c\":1}");
        assertThat(quarantined.get("mean").get(0).asDouble()).as("d's 12 does not pull the mean").isLessThan(0.5);
        assertThat(json(run.output().get(5)).get("quarantined").toString()).isEqualTo("{\"d\":3}");
        JsonNode readmitted = json(run.output().get(6));
        assertThat(readmitted.get("quarantined").toString()).isEqualTo("{}");
        assertThat(readmitted.get("sources").toString()).isEqualTo("{\"a\":1,\"b\":1,\"c\":1,\"d\":4}");
        assertThat(run.stderr()).contains("line 5: quantity 'w': source 'd' version 2 quarantined (leave-one-out χ²",
                "line 7: quantity 'w': source 'd' version 4 readmitted");
    }

    @Test
    void withoutTrustTheOutputHasNoQuarantinedField() throws Exception {
        FuseRunner run = FuseRunner.run(temp, "fusion: {method: covariance-intersection}",
                gaussianLine("a", 1, new double[]{0, 0}), gaussianLine("b", 1, new double[]{12, 0}));
        assertThat(run.output()).hasSize(2);
        assertThat(json(run.output().get(1)).has("quarantined")).isFalse();
        assertThat(json(run.output().get(1)).get("sources").toString()).isEqualTo("{\"a\":1,\"b\":1}");
    }

    private static String gaussianLine(String source, long version, double[] mean) {
        return "{\"quantityId\": \"w\", \"sourceId\": \"" + source + "\", \"version\": " + version + ", \"mean\": ["
                + mean[0] + ", " + mean[1] + "], \"covariance\": [[1, 0], [0, 1]]}";
    }
}
