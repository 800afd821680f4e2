package io.bayesfuse.topology.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.ReferenceScenarios;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.assembly.FusionRuleFactory;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.bayesfuse.topology.ReferenceScenarios.doubles;
import static io.bayesfuse.topology.ReferenceScenarios.matrix;
import static io.bayesfuse.topology.fusion.FusionAssertions.assertClose;
import static io.bayesfuse.topology.fusion.FusionAssertions.covariance;
import static io.bayesfuse.topology.fusion.FusionAssertions.mean;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fusion scenario of the reference, fed as Avro posterior updates through the topology, ends
 * in the independently computed fused posterior (1e-6), and every fused posterior on the way equals
 * what the kernels' versioned fusion gives for the same lines (what {@code fuse} runs) to 1e-12.
 */
class FusionStageReferenceTest {

    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @TestFactory
    Stream<DynamicTest> everyFusionScenarioMatchesThroughTheTopology() {
        // sample-based scenarios (dcfuse-*: expected.json, scored statistically) are checked by the kernels'
        // DcfuseExampleTest and the app's FuseReferenceScenariosTest, not line by line here
        return ReferenceScenarios.withSection("fusion").stream().filter(dir -> Files.isRegularFile(dir.resolve("expected.jsonl")))
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            BayesfuseConfig config = ConfigLoader.load(dir.resolve("config.yaml"));
            List<JsonNode> input = ReferenceScenarios.lines(dir.resolve("input.jsonl"));
            List<JsonNode> expected = ReferenceScenarios.lines(dir.resolve("expected.jsonl"));
            List<FusedPosterior> streamed = stream(config, input, stateDir.resolve(dir.getFileName()));
            List<FusionResult> direct = direct(config, input);
            String scenario = dir.getFileName().toString();

            assertThat(streamed).as(scenario + ": one fused posterior per accepted update").hasSameSizeAs(direct);
            for (int i = 0; i < direct.size(); i++) {
                String where = scenario + " output " + i + " vs kernels";
                assertClose(mean(streamed.get(i)), mean(direct.get(i)), 1e-12, where + " mean");
                if (direct.get(i) instanceof FusionResult.FisherPosterior f) {
                    assertClose(FusionAssertions.fisherDiagonal(streamed.get(i)), f.fisherDiagonal(), 1e-12, where + " Fisher");
                } else {
                    assertClose(covariance(streamed.get(i)), covariance(direct.get(i)), 1e-12, where + " covariance");
                }
                assertThat(streamed.get(i).getChange()).isEqualTo(FusionChange.UPDATED);
            }
            for (JsonNode x : expected) {
                FusedPosterior last = lastOf(streamed, x.get("quantityId").asText());
                String where = scenario + " quantity " + x.get("quantityId").asText();
                assertThat(last.getMethod()).isEqualTo(config.fusion().method());
                assertClose(mean(last), doubles(x.get("mean")), 1e-6, where + " mean");
                if (x.has("covariance")) {
                    assertClose(covariance(last), matrix(x.get("covariance")), 1e-6, where + " covariance");
                }
                if (x.has("fisherDiagonal")) {
                    assertClose(FusionAssertions.fisherDiagonal(last), doubles(x.get("fisherDiagonal")), 1e-6, where + " Fisher");
                }
                Map<String, Long> sources = new LinkedHashMap<>();
                x.get("sources").fields().forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asLong()));
                assertThat(last.getSources()).isEqualTo(sources);
                if (x.has("weights")) {
                    Iterator<String> ids = sources.keySet().iterator();
                    double[] weights = doubles(x.get("weights"));
                    for (double w : weights) {
                        String id = ids.next();
                        assertThat(Math.abs(last.getWeights().get(id) - w)).as(where + " weight of " + id).isLessThanOrEqualTo(1e-6);
                    }
                }
            }
        }));
    }

    private List<FusedPosterior> stream(BayesfuseConfig config, List<JsonNode> input, Path state) {
        try (StageDriver d = new StageDriver(config, registry.url(), state)) {
            long time = 1_000;
            for (JsonNode line : input) {
                PosteriorUpdate u = update(line);
                d.posteriorUpdates.pipeInput(u.getQuantityId(), u, time++);
            }
            List<io.bayesfuse.avro.DeadLetter> letters = d.deadLetters.readValuesToList();
            // stale versions are the only input the scenarios hold that the stream refuses
            assertThat(letters).allSatisfy(l -> assertThat(l.getReason()).isEqualTo(io.bayesfuse.avro.DeadLetterReason.STALE_VERSION));
            return d.fused.readValuesToList();
        }
    }

    /** The kernels alone, line by line, as {@code fuse} runs them: the result after each accepted update. */
    private static List<FusionResult> direct(BayesfuseConfig config, List<JsonNode> input) {
        FusionRuleFactory factory = new FusionRuleFactory(config.requireFusion());
        Map<String, VersionedFusion> quantities = new LinkedHashMap<>();
        List<FusionResult> results = new ArrayList<>();
        for (JsonNode line : input) {
            VersionedFusion f = quantities.computeIfAbsent(line.get("quantityId").asText(), q -> factory.newQuantity());
            SourcePosterior posterior = line.has("fisherDiagonal")
                    ? new SourcePosterior.Fisher(doubles(line.get("mean")), doubles(line.get("fisherDiagonal")))
                    : new SourcePosterior.Covariance(doubles(line.get("mean")), matrix(line.get("covariance")));
            if (f.update(line.get("sourceId").asText(), line.get("version").asLong(), posterior).accepted()) {
                results.add(f.result());
            }
        }
        return results;
    }

    static PosteriorUpdate update(JsonNode line) {
        PosteriorUpdate.Builder b = PosteriorUpdate.newBuilder()
                .setQuantityId(line.get("quantityId").asText())
                .setSourceId(line.get("sourceId").asText())
                .setVersion(line.get("version").asLong());
        if (line.has("fisherDiagonal")) {
            b.setPosterior(new io.bayesfuse.avro.FisherPosterior(FusionAssertions.list(doubles(line.get("mean"))),
                    FusionAssertions.list(doubles(line.get("fisherDiagonal")))));
        } else {
            b.setPosterior(new GaussianPosterior(FusionAssertions.list(doubles(line.get("mean"))),
                    new io.bayesfuse.avro.FullCovariance(FusionAssertions.matrix(matrix(line.get("covariance"))))));
        }
        return b.build();
    }

    private static FusedPosterior lastOf(List<FusedPosterior> out, String quantityId) {
        FusedPosterior last = null;
        for (FusedPosterior f : out) {
            if (f.getQuantityId().equals(quantityId)) {
                last = f;
            }
        }
        assertThat(last).as("a fused posterior of " + quantityId).isNotNull();
        return last;
    }
}
