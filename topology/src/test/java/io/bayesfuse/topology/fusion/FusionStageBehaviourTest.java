package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.ConfigKind;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.FusionPriorSettings;
import io.bayesfuse.avro.FusionSettings;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.alignment.TimeAlignment;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.bayesfuse.topology.fusion.FusionAssertions.assertClose;
import static io.bayesfuse.topology.fusion.FusionAssertions.covariance;
import static io.bayesfuse.topology.fusion.FusionAssertions.gaussian;
import static io.bayesfuse.topology.fusion.FusionAssertions.gaussianAt;
import static io.bayesfuse.topology.fusion.FusionAssertions.mean;
import static io.bayesfuse.topology.fusion.FusionAssertions.retraction;
import static org.assertj.core.api.Assertions.assertThat;

/** The fusion stage's behaviour on a broker-less driver: one behaviour per test. */
class FusionStageBehaviourTest {

    static final String CI = """
            application: {id: fusion-test}
            motionModels:
              cv: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            fusion: {method: covariance-intersection}
            validation: {maxFutureMillis: 10000}
            """;

    /** 2-D product with a prior N(0, 4I) that every source used. */
    static final String PRODUCT = """
            application: {id: fusion-test}
            fusion: {method: product, prior: {mean: [0, 0], covariance: [[4, 0], [0, 4]]}}
            """;

    static final double[][] PRIOR = {{4, 0}, {0, 4}};
    static final double[] A = {1.0, 2.0};
    static final double[][] PA = {{1.0, 0.2}, {0.2, 0.5}};
    static final double[] B = {1.4, 1.7};
    static final double[][] PB = {{0.6, -0.1}, {-0.1, 0.9}};
    static final double[] C = {0.8, 2.3};
    static final double[][] PC = {{2.0, 0.0}, {0.0, 0.3}};

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

    private StageDriver driver(String yaml) {
        return new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir);
    }

    /** A record changed in place (Avro's copying builders refuse the generated union members under its class trust). */
    static PosteriorUpdate edit(PosteriorUpdate u, java.util.function.Consumer<PosteriorUpdate> change) {
        change.accept(u);
        return u;
    }

    static void send(StageDriver d, PosteriorUpdate u, long time) {
        d.posteriorUpdates.pipeInput(u.getQuantityId(), u, time);
    }

    static void tombstone(StageDriver d, String key, long time) {
        d.posteriorUpdates.pipeInput(key, null, time);
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** The product rule over the given sources, as the kernels compute it. */
    private static FusionResult product(Map<String, SourcePosterior> sources) {
        VersionedFusion rule = new VersionedFusion(new ProductRule(InformationContribution.fromCovariance("prior", new double[2], PRIOR, 0)));
        sources.forEach((id, posterior) -> rule.update(id, 1, posterior));
        return rule.result();
    }

    private static SourcePosterior.Covariance g(double[] x, double[][] P) {
        return new SourcePosterior.Covariance(x, P);
    }

    @Test
    void eachAcceptedUpdateGivesOneFusedPosteriorWithSortedSourcesWeightsAndItsLineage() {
        try (StageDriver d = driver(CI)) {
            send(d, gaussian("track-7", "node-c", 1, C, PC), 1_000);
            send(d, gaussian("track-7", "node-a", 4, A, PA), 1_100);
            send(d, gaussian("track-7", "node-b", 2, B, PB), 1_200);
            List<TestRecord<String, FusedPosterior>> out = d.fused.readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("track-7", "track-7", "track-7");
            FusedPosterior last = out.get(2).value();
            assertThat(last.getMethod()).isEqualTo("covariance-intersection");
            assertThat(last.getChange()).isEqualTo(FusionChange.UPDATED);
            assertThat(last.getUpdatedSource()).isEqualTo("node-b");
            assertThat(last.getSources()).isEqualTo(Map.of("node-a", 4L, "node-b", 2L, "node-c", 1L));
            assertThat(last.getWeights()).containsOnlyKeys("node-a", "node-b", "node-c");
            assertThat(last.getWeights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(last.getLineage().getTopic()).isEqualTo(d.topics.posteriorUpdates());
            assertThat(last.getLineage().getOffset()).isEqualTo(2);
            assertThat(last.getTimestamp()).as("a static quantity has no time").isNull();
            assertThat(out.get(2).timestamp()).isEqualTo(1_200);

            VersionedFusion direct = new VersionedFusion(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
            direct.update("node-c", 1, g(C, PC));
            direct.update("node-a", 1, g(A, PA));
            direct.update("node-b", 1, g(B, PB));
            assertClose(mean(last), FusionAssertions.mean(direct.result()), 1e-12, "mean");
            assertClose(covariance(last), FusionAssertions.covariance(direct.result()), 1e-12, "covariance");
        }
    }

    @Test
    void anOlderOrEqualVersionIsDeadLetteredStaleWithItsBytesAndChangesNothing() {
        try (StageDriver d = driver(PRODUCT)) {
            send(d, gaussian("w", "a", 3, A, PA), 1_000);
            byte[] older = d.serde(PosteriorUpdate.class).serializer().serialize(d.topics.posteriorUpdates(), gaussian("w", "a", 2, B, PB));
            d.rawPosteriorUpdates.pipeInput("w".getBytes(), older, 1_100);
            send(d, gaussian("w", "a", 3, B, PB), 1_200);

            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.STALE_VERSION, DeadLetterReason.STALE_VERSION);
            assertThat(letters.get(0).getMessage()).isEqualTo("quantity 'w': source 'a' version 2 ignored: OLDER_VERSION (newest was 3)");
            assertThat(letters.get(1).getMessage()).contains("SAME_VERSION");
            assertThat(bytes(letters.get(0).getValue())).isEqualTo(older);
            FusedPosterior only = single(d.fused.readValuesToList());
            assertClose(mean(only), A, 1e-12, "still a's posterior");
        }
    }

    @Test
    void aNullPosteriorRetractsItsSourceExactly() {
        try (StageDriver d = driver(PRODUCT)) {
            send(d, gaussian("w", "a", 1, A, PA), 1_000);
            send(d, gaussian("w", "b", 1, B, PB), 1_100);
            send(d, gaussian("w", "c", 1, C, PC), 1_200);
            send(d, retraction("w", "b", 2), 1_300);

            FusedPosterior retracted = d.fused.readValuesToList().get(3);
            assertThat(retracted.getChange()).isEqualTo(FusionChange.RETRACTED);
            assertThat(retracted.getUpdatedSource()).isEqualTo("b");
            assertThat(retracted.getSources()).containsOnlyKeys("a", "c");
            FusionResult withoutB = product(Map.of("a", g(A, PA), "c", g(C, PC)));
            assertClose(mean(retracted), FusionAssertions.mean(withoutB), 1e-12, "mean");
            assertClose(covariance(retracted), FusionAssertions.covariance(withoutB), 1e-12, "covariance");

            send(d, gaussian("w", "b", 2, B, PB), 1_400);
            assertThat(single(d.deadLetters.readValuesToList()).getReason()).as("the retraction's version is b's newest")
                    .isEqualTo(DeadLetterReason.STALE_VERSION);
        }
    }

    @Test
    void aTombstoneKeyedQuantitySlashSourceRetractsTheSourceExactly() {
        try (StageDriver d = driver(PRODUCT)) {
            send(d, gaussian("w", "a", 1, A, PA), 1_000);
            send(d, gaussian("w", "b", 7, B, PB), 1_100);
            send(d, gaussian("w", "c", 1, C, PC), 1_200);
            tombstone(d, "w/b", 1_300);

            List<TestRecord<String, FusedPosterior>> out = d.fused.readRecordsToList();
            TestRecord<String, FusedPosterior> retracted = out.get(3);
            assertThat(retracted.key()).isEqualTo("w");
            assertThat(retracted.value().getChange()).isEqualTo(FusionChange.RETRACTED);
            assertThat(retracted.value().getUpdatedSource()).isEqualTo("b");
            assertThat(retracted.value().getLineage().getTopic()).as("the tombstone's own record").isEqualTo(d.topics.posteriorUpdates());
            assertThat(retracted.value().getLineage().getOffset()).isEqualTo(3);
            FusionResult withoutB = product(Map.of("a", g(A, PA), "c", g(C, PC)));
            assertClose(mean(retracted.value()), FusionAssertions.mean(withoutB), 1e-12, "mean");
            assertClose(covariance(retracted.value()), FusionAssertions.covariance(withoutB), 1e-12, "covariance");

            send(d, gaussian("w", "b", 7, B, PB), 1_400);
            send(d, gaussian("w", "b", 8, B, PB), 1_500);
            assertThat(single(d.deadLetters.readValuesToList()).getReason()).as("b's version 7 stays retracted")
                    .isEqualTo(DeadLetterReason.STALE_VERSION);
            assertThat(single(d.fused.readValuesToList()).getSources()).containsOnlyKeys("a", "b", "c");
        }
    }

    @Test
    void aTombstoneOlderThanTheSourcesCurrentUpdateIsDeadLetteredStale() {
        try (StageDriver d = driver(PRODUCT)) {
            send(d, gaussian("w", "b", 1, B, PB), 1_000);
            send(d, gaussian("w", "b", 2, A, PA), 3_000);
            tombstone(d, "w/b", 2_000);     // produced before version 2, overtaken on its way through the repartition topic
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.STALE_VERSION);
            assertThat(letter.getMessage()).contains("tombstone of source 'b'").contains("older than the source's current update");
            assertThat(d.fused.readValuesToList()).hasSize(2);
        }
    }

    @Test
    void aTombstoneThatNamesNoContributingSourceIsDeadLettered() {
        try (StageDriver d = driver(PRODUCT)) {
            send(d, gaussian("w", "a", 1, A, PA), 1_000);
            tombstone(d, "w", 1_100);
            tombstone(d, "w/", 1_200);
            tombstone(d, "w/nobody", 1_300);
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason)
                    .containsExactly(DeadLetterReason.KEY_MISMATCH, DeadLetterReason.KEY_MISMATCH, DeadLetterReason.OTHER);
            assertThat(letters.get(0).getMessage()).contains("'<quantityId>/<sourceId>'");
            assertThat(letters.get(2).getMessage()).contains("'nobody'").contains("nothing to retract");
            assertThat(new String(bytes(letters.get(0).getKey()))).isEqualTo("w");
        }
    }

    @Test
    void retractingTheLastSourcePublishesATombstoneForTheQuantity() {
        try (StageDriver d = driver(CI)) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, retraction("q", "a", 2), 1_100);
            List<TestRecord<String, FusedPosterior>> out = d.fused.readRecordsToList();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).key()).isEqualTo("q");
            assertThat(out.get(1).value()).isNull();
        }
    }

    @Test
    void aSourceSilentForLongerThanItsTtlIsDroppedBeforeTheNextUpdateAndReported() {
        try (StageDriver d = driver(CI.replace("fusion: {method: covariance-intersection}",
                "fusion: {method: covariance-intersection, sourceTtlMillis: 10000}"))) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 1, B, PB), 2_000);
            send(d, gaussian("q", "c", 1, C, PC), 11_500);

            List<FusedPosterior> out = d.fused.readValuesToList();
            assertThat(out).extracting(FusedPosterior::getChange).containsExactly(FusionChange.UPDATED, FusionChange.UPDATED,
                    FusionChange.EXPIRED, FusionChange.UPDATED);
            FusedPosterior expired = out.get(2);
            assertThat(expired.getUpdatedSource()).isEqualTo("a");
            assertThat(expired.getSources()).containsOnlyKeys("b");
            assertThat(expired.getLineage()).isNull();
            assertThat(out.get(3).getSources()).containsOnlyKeys("b", "c");
            assertThat(d.deadLetters.readValuesToList()).isEmpty();
        }
    }

    @Test
    void silentSourcesOfAQuantityThatHearsNothingMoreExpireOnStreamTime() {
        try (StageDriver d = driver(CI.replace("fusion: {method: covariance-intersection}",
                "fusion: {method: covariance-intersection, sourceTtlMillis: 10000}"))) {
            send(d, gaussian("quiet", "a", 1, A, PA), 1_000);
            send(d, gaussian("busy", "a", 1, A, PA), 5_000);
            send(d, gaussian("busy", "a", 2, A, PA), 12_000);
            List<TestRecord<String, FusedPosterior>> out = d.fused.readRecordsToList();
            List<TestRecord<String, FusedPosterior>> quiet = out.stream().filter(r -> r.key().equals("quiet")).toList();
            assertThat(quiet).hasSize(2);
            assertThat(quiet.get(1).value()).as("no source left: the quantity's fused posterior is deleted").isNull();
            KeyValueStore<String, StoredQuantity> store = d.driver.getKeyValueStore(BayesfuseTopology.QUANTITY_STORE);
            assertThat(store.get("quiet")).as("nothing is remembered of the quantity").isNull();
            assertThat(store.get("busy")).isNotNull();
        }
    }

    @Test
    void anUpdateAlreadyOlderThanItsTtlIsDeadLetteredSourceExpired() {
        try (StageDriver d = driver(CI.replace("fusion: {method: covariance-intersection}",
                "fusion: {method: covariance-intersection, sourceTtlMillis: 10000}"))) {
            send(d, gaussian("q", "a", 1, A, PA), 30_000);
            send(d, gaussian("q", "b", 1, B, PB), 15_000);
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.SOURCE_EXPIRED);
            assertThat(letter.getMessage()).contains("source 'b'").contains("10000 ms");
        }
    }

    @Test
    void aMethodChangeThroughTheConfigTopicRebuildsTheQuantityFromItsSources() {
        try (StageDriver d = driver(CI)) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 1, B, PB), 1_100);
            assertThat(d.fused.readValuesToList()).extracting(FusedPosterior::getMethod).containsOnly("covariance-intersection");

            // the naive product: a flat prior (zero precision) divided out K − 1 times changes nothing
            d.config.pipeInput("fusion/q", fusionRecord("q", FusionSettings.newBuilder().setMethod("product")
                    .setPrior(FusionPriorSettings.newBuilder().setPrecision(new Matrix(2, 2, List.of(0.0, 0.0, 0.0, 0.0)))
                            .setInformationVector(List.of(0.0, 0.0)).build()).build()));
            send(d, gaussian("q", "c", 1, C, PC), 1_200);

            FusedPosterior product = single(d.fused.readValuesToList());
            assertThat(product.getMethod()).isEqualTo("product");
            assertThat(product.getWeights()).isNull();
            assertThat(product.getSources()).containsOnlyKeys("a", "b", "c");
            VersionedFusion naive = new VersionedFusion(new ProductRule(InformationContribution.priorFromInformation("prior", new double[2][2], new double[2])));
            naive.update("a", 1, g(A, PA));
            naive.update("b", 1, g(B, PB));
            naive.update("c", 1, g(C, PC));
            assertClose(mean(product), FusionAssertions.mean(naive.result()), 1e-12, "mean");
            assertClose(covariance(product), FusionAssertions.covariance(naive.result()), 1e-12, "covariance");

            send(d, gaussian("other", "a", 1, A, PA), 1_300);
            assertThat(single(d.fused.readValuesToList()).getMethod()).as("other quantities keep the default")
                    .isEqualTo("covariance-intersection");
        }
    }

    @Test
    void dcFusionSetThroughTheConfigTopicPublishesTheDrawsTheKernelGivesForTheNewestVersions() {
        try (StageDriver d = driver(CI)) {
            d.config.pipeInput("fusion/q", fusionRecord("q", FusionSettings.newBuilder().setMethod("dc-fusion")
                    .setDraws(200).setSeed(5L).build()));
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 1, B, PB), 1_100);
            send(d, gaussian("q", "b", 2, C, PC), 1_200);
            List<FusedPosterior> out = d.fused.readValuesToList();
            assertThat(out).hasSize(3);
            FusedPosterior last = out.get(2);
            assertThat(last.getMethod()).isEqualTo("dc-fusion");
            assertThat(last.getSources()).isEqualTo(Map.of("a", 1L, "b", 2L));

            VersionedFusion direct = new VersionedFusion(new io.bayesfuse.kernels.fusion.montecarlo.DcFusionRule(
                    io.bayesfuse.kernels.fusion.montecarlo.DcFusionOptions.of(200, 5)));
            direct.update("a", 1, g(A, PA));
            direct.update("b", 2, g(C, PC));
            double[][] expected = ((FusionResult.SamplePosterior) direct.result()).draws();
            io.bayesfuse.avro.Matrix draws = ((io.bayesfuse.avro.SamplePosterior) last.getPosterior()).getDraws();
            assertThat(draws.getRows()).isEqualTo(200);
            assertThat(draws.getCols()).isEqualTo(2);
            for (int j = 0; j < 200; j++) {
                assertThat(draws.getValues().get(2 * j)).isEqualTo(expected[j][0]);
                assertThat(draws.getValues().get(2 * j + 1)).isEqualTo(expected[j][1]);
            }
        }
    }

    @Test
    void aSourceTheNewMethodCannotTakeIsWithdrawnAtItsVersion() {
        try (StageDriver d = driver(CI)) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 5, B, PB), 1_100);
            // a product without a prior fuses a single source: b is withdrawn
            d.config.pipeInput("fusion/q", fusionRecord("q", FusionSettings.newBuilder().setMethod("product").build()));
            send(d, gaussian("q", "a", 2, C, PC), 1_200);
            FusedPosterior out = d.fused.readValuesToList().get(2);
            assertThat(out.getSources()).containsOnlyKeys("a");
            assertClose(mean(out), C, 1e-12, "a alone");
            send(d, gaussian("q", "b", 5, B, PB), 1_300);
            assertThat(single(d.deadLetters.readValuesToList()).getReason()).isEqualTo(DeadLetterReason.STALE_VERSION);
        }
    }

    @Test
    void anInvalidFusionRecordIsDeadLetteredAndTheLastGoodSettingsStay() {
        try (StageDriver d = driver(CI)) {
            d.config.pipeInput("fusion/q", fusionRecord("q", FusionSettings.newBuilder().setMethod("bayes").build()));
            d.config.pipeInput("fusion/q", fusionRecord("q", FusionSettings.newBuilder().setMethod("covariance-intersection")
                    .setMotionModel("ca").build()));
            d.config.pipeInput("fusion/default", fusionRecord("default", FusionSettings.newBuilder().setMethod("fisher")
                    .setCriterion("trace").build()));
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.INVALID_CONFIG);
            assertThat(letters).hasSize(3);
            assertThat(letters.get(0).getMessage()).contains("quantities.q.method").contains("'bayes'");
            assertThat(letters.get(1).getMessage()).contains("quantities.q.motionModel").contains("'ca'");
            assertThat(letters.get(2).getMessage()).contains("fusion.criterion");

            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            assertThat(single(d.fused.readValuesToList()).getMethod()).isEqualTo("covariance-intersection");
        }
    }

    @Test
    void aQuantityWithoutFusionSettingsIsDeadLetteredUnknownMethod() {
        try (StageDriver d = driver("""
                application: {id: fusion-test}
                quantities:
                  w: {method: covariance-intersection}
                """)) {
            send(d, gaussian("w", "a", 1, A, PA), 1_000);
            send(d, gaussian("x", "a", 1, A, PA), 1_100);
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_METHOD);
            assertThat(letter.getMessage()).contains("quantity 'x'").contains("fusion/x");
            assertThat(single(d.fused.readValuesToList()).getQuantityId()).isEqualTo("w");
        }
    }

    @Test
    void everyValidationFailureIsDeadLetteredWithItsReasonAndTheStageCarriesOn() {
        try (StageDriver d = new StageDriver(ConfigLoader.parse(CI, "test"), registry.url(), stateDir, StreamsConfig.AT_LEAST_ONCE)) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 1, new double[]{1, 2, 3}, new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1_100);
            send(d, gaussian("q", "c", 1, new double[]{Double.NaN, 1}, PA), 1_200);
            send(d, gaussian("q", "d", 1, A, new double[][]{{1, 2}, {2, 1}}), 1_300);
            d.posteriorUpdates.pipeInput("other", gaussian("q", "e", 1, A, PA), 1_400);
            send(d, edit(gaussian("q", "f", 1, A, PA), u -> u.setTimestamp(Instant.ofEpochMilli(100_000))), 1_500);
            send(d, edit(gaussian("q", "g", 1, A, PA), u -> u.setPosterior(new GaussianPosterior(FusionAssertions.list(A),
                    new io.bayesfuse.avro.FullCovariance(new Matrix(2, 2, List.of(1.0, 0.0, 1.0)))))), 1_600);
            send(d, FusionAssertions.fisher("q", "h", 1, A, new double[]{1, 1}), 1_700);
            send(d, edit(gaussian("q", "i", 1, A, PA), u -> u.setPosterior(new GaussianPosterior(FusionAssertions.list(A),
                    new InformationForm(FusionAssertions.matrix(PA), FusionAssertions.list(A))))), 1_800);
            d.rawPosteriorUpdates.pipeInput("q".getBytes(), new byte[]{7, 1, 2, 3}, 1_900);
            send(d, gaussian("q", "z", 1, B, PB), 2_000);

            assertThat(d.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly(
                    DeadLetterReason.WRONG_DIMENSION, DeadLetterReason.NON_FINITE, DeadLetterReason.NOT_POSITIVE_DEFINITE,
                    DeadLetterReason.KEY_MISMATCH, DeadLetterReason.FUTURE_TIMESTAMP, DeadLetterReason.WRONG_DIMENSION,
                    DeadLetterReason.OTHER, DeadLetterReason.OTHER, DeadLetterReason.DESERIALIZATION_ERROR);
            assertThat(d.fused.readValuesToList()).extracting(FusedPosterior::getUpdatedSource)
                    .as("only the valid updates were applied").containsExactly("a", "z");
        }
    }

    @Test
    void deadLettersNameTheQuantityTheSourceAndWhatWasWrong() {
        try (StageDriver d = driver(CI)) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 1, new double[]{1, 2, 3}, new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1_100);
            send(d, FusionAssertions.fisher("q", "h", 1, A, new double[]{1, 1}), 1_200);
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters.get(0).getMessage()).isEqualTo("quantity 'q': source 'b': mean has 3 components but the quantity has 2");
            assertThat(letters.get(1).getMessage()).startsWith("quantity 'q': source 'h': ").contains("covariance-intersection")
                    .contains("fisher diagonal");
        }
    }

    @Test
    void aFusedPrecisionThatIsNotPositiveDefiniteIsDeadLetteredAndLeavesTheQuantityAsItWas() {
        try (StageDriver d = driver("""
                application: {id: fusion-test}
                fusion: {method: product, prior: {mean: [0], covariance: [[1]]}}
                """)) {
            double[][] broad = {{10.0}};
            send(d, gaussian("w", "a", 1, new double[]{0.5}, broad), 1_000);
            send(d, gaussian("w", "b", 1, new double[]{0.5}, broad), 1_100);   // Λ = 0.1 + 0.1 − 1 < 0
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.FUSION_FAILED);
            assertThat(letter.getMessage()).contains("quantity 'w'").contains("not positive definite").contains("'b'");
            send(d, gaussian("w", "c", 1, new double[]{0.5}, new double[][]{{0.5}}), 1_200);
            assertThat(d.fused.readValuesToList()).extracting(FusedPosterior::getSources)
                    .containsExactly(Map.of("a", 1L), Map.of("a", 1L, "c", 1L));
        }
    }

    @Test
    void trackPosteriorsTakenAtDifferentTimesArePredictedToTheNewestBeforeFusing() {
        String yaml = CI.replace("fusion: {method: covariance-intersection}",
                "fusion: {method: covariance-intersection, motionModel: cv}");
        try (StageDriver d = driver(yaml)) {
            send(d, gaussianAt("track-1", "site-a", 1, 1_000, A, PA), 1_000);
            send(d, gaussianAt("track-1", "site-b", 1, 3_500, B, PB), 3_500);
            List<FusedPosterior> out = d.fused.readValuesToList();
            assertThat(out.get(0).getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000));
            FusedPosterior fused = out.get(1);
            assertThat(fused.getTimestamp()).isEqualTo(Instant.ofEpochMilli(3_500));

            TimeAlignment alignment = new TimeAlignment(KinematicModel.constantVelocity(1, new ContinuousWhiteNoise(0.5)));
            VersionedFusion byHand = new VersionedFusion(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
            byHand.update("site-a", 1, alignment.predict("site-a", g(A, PA), 2.5));
            byHand.update("site-b", 1, g(B, PB));
            assertClose(mean(fused), FusionAssertions.mean(byHand.result()), 1e-12, "mean at 3.5 s");
            assertClose(covariance(fused), FusionAssertions.covariance(byHand.result()), 1e-12, "covariance at 3.5 s");

            send(d, gaussianAt("track-1", "site-a", 2, 3_000, A, PA), 4_000);
            assertThat(single(d.fused.readValuesToList()).getTimestamp()).as("the newest posterior's time, not the record's")
                    .isEqualTo(Instant.ofEpochMilli(3_500));
        }
    }

    @Test
    void aTrackPosteriorWithoutATimestampOrOfAnotherSizeThanTheStateIsDeadLettered() {
        String yaml = CI.replace("fusion: {method: covariance-intersection}",
                "fusion: {method: covariance-intersection, motionModel: cv}");
        try (StageDriver d = driver(yaml)) {
            send(d, gaussian("track-1", "site-a", 1, A, PA), 1_000);
            send(d, gaussianAt("track-1", "site-b", 1, 1_000, new double[]{1, 2, 3},
                    new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1_000);
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason)
                    .containsExactly(DeadLetterReason.MISSING_TIMESTAMP, DeadLetterReason.WRONG_DIMENSION);
            assertThat(letters.get(0).getMessage()).contains("track").contains("motion model 'cv'");
            assertThat(letters.get(1).getMessage()).contains("motion model's state has 2");
        }
    }

    @Test
    void aQuantitysOwnSettingsFromTheFileReplaceTheDefault() {
        try (StageDriver d = driver(CI + """
                quantities:
                  w: {method: product, prior: {mean: [0, 0], covariance: [[4, 0], [0, 4]]}}
                """)) {
            send(d, gaussian("w", "a", 1, A, PA), 1_000);
            send(d, gaussian("v", "a", 1, A, PA), 1_100);
            assertThat(d.fused.readValuesToList()).extracting(FusedPosterior::getMethod)
                    .containsExactly("product", "covariance-intersection");
        }
    }

    @Test
    void aFisherUpdatesWeightScalesItsInformationAndOtherMethodsRefuseOne() {
        try (StageDriver d = driver(CI + """
                quantities:
                  model: {method: fisher}
                """)) {
            send(d, edit(FusionAssertions.fisher("model", "a", 1, new double[]{0.0}, new double[]{1.0}), u -> u.setWeight(3.0)), 1_000);
            send(d, FusionAssertions.fisher("model", "b", 1, new double[]{1.0}, new double[]{1.0}), 1_100);
            FusedPosterior merged = d.fused.readValuesToList().get(1);
            assertThat(mean(merged)[0]).as("θ = (3·0 + 1·1) / 4").isEqualTo(0.25);
            assertThat(FusionAssertions.fisherDiagonal(merged)[0]).isEqualTo(4.0);

            send(d, edit(gaussian("q", "a", 1, A, PA), u -> u.setWeight(2.0)), 1_200);
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OTHER);
            assertThat(letter.getMessage()).contains("weight 2.0 applies only to Fisher merging");
        }
    }

    @Test
    void tombstonesReachTheirQuantitysTaskThroughARepartitionTopicOfThePosteriorUpdatesPartitioning() {
        BayesfuseConfig config = ConfigLoader.parse(CI, "test");
        TopologyDescription description = new BayesfuseTopology(config, Map.of("schema.registry.url", registry.url()))
                .build().describe();
        TopologyDescription.Subtopology fusion = description.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals("posterior-fusion")))
                .findFirst().orElseThrow();
        Set<String> sources = fusion.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).collect(Collectors.toSet());
        assertThat(sources).containsExactlyInAnyOrder(config.application().topicNames().posteriorUpdates(),
                BayesfuseTopology.TOMBSTONE_REPARTITION + "-repartition");
        assertThat(fusion.nodes()).filteredOn(n -> n instanceof TopologyDescription.Sink)
                .extracting(n -> ((TopologyDescription.Sink) n).topic())
                .containsExactlyInAnyOrder(config.application().topicNames().fused(), BayesfuseTopology.TOMBSTONE_REPARTITION + "-repartition");
    }

    @Test
    void fusedPosteriorsRetractionsExpiriesAndStaleVersionsAreCounted() {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        try (StageDriver d = driver(CI.replace("fusion-test", "fusion-metrics").replace("fusion: {method: covariance-intersection}",
                "fusion: {method: covariance-intersection, sourceTtlMillis: 10000}"))) {
            send(d, gaussian("q", "a", 1, A, PA), 1_000);
            send(d, gaussian("q", "b", 1, B, PB), 5_000);
            send(d, gaussian("q", "b", 1, B, PB), 5_100);
            send(d, retraction("q", "b", 2), 5_200);
            send(d, gaussian("q", "c", 1, C, PC), 12_000);
            tombstone(d, "q/c", 12_100);
            assertThat(meters.get("bayesfuse.fusion.posteriors").tags("application", "fusion-metrics",
                    "method", "covariance-intersection", "change", "UPDATED").counter().count()).isEqualTo(3);
            assertThat(meters.get("bayesfuse.fusion.posteriors").tags("application", "fusion-metrics", "change", "RETRACTED").counter().count()).isEqualTo(2);
            assertThat(meters.get("bayesfuse.fusion.posteriors").tags("application", "fusion-metrics", "change", "EXPIRED").counter().count()).isEqualTo(1);
            assertThat(meters.get("bayesfuse.fusion.retractions").tags("application", "fusion-metrics", "by", "posterior")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get("bayesfuse.fusion.retractions").tags("application", "fusion-metrics", "by", "tombstone").counter().count()).isEqualTo(1);
            assertThat(meters.get("bayesfuse.fusion.expired.sources").tags("application", "fusion-metrics").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("bayesfuse.fusion.stale.versions").tags("application", "fusion-metrics").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("bayesfuse.dead.letters").tags("application", "fusion-metrics", "reason", "STALE_VERSION")
                    .counter().count()).isEqualTo(1);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(meters);
        }
    }

    @Test
    void theSameInputGivesByteIdenticalOutput() {
        List<byte[]> first = run(stateDir.resolve("first"));
        List<byte[]> second = run(stateDir.resolve("second"));
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("record " + i).isEqualTo(first.get(i));
        }
    }

    private List<byte[]> run(Path state) {
        try (StageDriver d = new StageDriver(ConfigLoader.parse(CI, "test"), registry.url(), state)) {
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < 120; i++) {
                double[] x = {random.nextGaussian(), random.nextGaussian()};
                double v = 0.5 + random.nextDouble();
                send(d, gaussian("q" + (i % 3), "s" + (i % 7), i, x, new double[][]{{v, 0.1}, {0.1, v}}), 1_000 + i);
            }
            var raw = d.driver.createOutputTopic(d.topics.fused(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<byte[]> out = new ArrayList<>(raw.readValuesToList());
            assertThat(out).hasSize(120);
            return out;
        }
    }

    @Test
    void aRestartedStageContinuesExactlyWhereItsChangelogLeftOff() {
        BayesfuseConfig config = ConfigLoader.parse(PRODUCT, "test");
        List<PosteriorUpdate> input = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 30; i++) {
            double v = 0.3 + random.nextDouble();
            input.add(i % 10 == 9 ? retraction("w" + (i % 2), "s" + (i % 4), i)
                    : gaussian("w" + (i % 2), "s" + (i % 4), i, new double[]{random.nextGaussian(), random.nextGaussian()},
                    new double[][]{{v, 0.05}, {0.05, v}}));
        }
        List<FusedPosterior> uninterrupted;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("reference"))) {
            for (int i = 0; i < input.size(); i++) {
                send(d, input.get(i), 1_000 + i);
            }
            uninterrupted = d.fused.readValuesToList();
        }
        List<FusedPosterior> resumed = new ArrayList<>();
        Map<String, List<TestRecord<String, byte[]>>> changelogs = new java.util.LinkedHashMap<>();
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("first"))) {
            for (int i = 0; i < 15; i++) {
                send(d, input.get(i), 1_000 + i);
            }
            resumed.addAll(d.fused.readValuesToList());
            for (String store : FUSION_STORES) {
                changelogs.put(store, d.driver.createOutputTopic(changelog(store), Serdes.String().deserializer(),
                        new ByteArrayDeserializer()).readRecordsToList());
            }
        }
        assertThat(changelogs.get(BayesfuseTopology.QUANTITY_STORE)).isNotEmpty();
        assertThat(changelogs.get(BayesfuseTopology.QUANTITY_SOURCE_STORE)).isNotEmpty();
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("second"))) {
            restore(d, changelogs);
            for (int i = 15; i < input.size(); i++) {
                send(d, input.get(i), 1_000 + i);
            }
            resumed.addAll(d.fused.readValuesToList());
        }
        assertThat(resumed).hasSameSizeAs(uninterrupted);
        for (int i = 0; i < resumed.size(); i++) {
            FusedPosterior r = resumed.get(i);
            FusedPosterior u = uninterrupted.get(i);
            assertThat(r.getSources()).as("output " + i).isEqualTo(u.getSources());
            assertThat(r.getPosterior()).as("output " + i + ", bit for bit").isEqualTo(u.getPosterior());
        }
    }

    static final List<String> FUSION_STORES = List.of(BayesfuseTopology.QUANTITY_STORE, BayesfuseTopology.QUANTITY_SOURCE_STORE,
            BayesfuseTopology.QUANTITY_EXPIRY_STORE);

    static String changelog(String store) {
        return "fusion-test-" + store + "-changelog";
    }

    /** Writes what the changelogs hold into a fresh driver's stores, as a restore after a crash would. */
    static void restore(StageDriver d, Map<String, List<TestRecord<String, byte[]>>> changelogs) {
        changelogs.forEach((name, records) -> {
            KeyValueStore<String, Object> store = d.driver.getKeyValueStore(name);
            for (TestRecord<String, byte[]> r : records) {
                if (r.value() == null) {
                    store.delete(r.key());
                } else {
                    store.put(r.key(), name.equals(BayesfuseTopology.QUANTITY_STORE) ? StoredQuantitySerde.decode(r.value()) : r.value());
                }
            }
        });
    }

    static ConfigRecord fusionRecord(String id, FusionSettings settings) {
        return ConfigRecord.newBuilder().setKind(ConfigKind.FUSION).setId(id).setSettings(settings).build();
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
