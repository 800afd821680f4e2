package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionPriorSettings;
import io.bayesfuse.avro.FusionSettings;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.avro.TrustSettings;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.bayesfuse.topology.fusion.FusionAssertions.assertClose;
import static io.bayesfuse.topology.fusion.FusionAssertions.gaussian;
import static io.bayesfuse.topology.fusion.FusionAssertions.mean;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source trust in the fusion stage (the product rule, and the other rules with trust at the end): four 2-D sources with posteriors N(xᵢ, I) around
 * the same truth; from round {@value #BIAS_FROM} to {@value #BIAS_UNTIL} source s3 reports a 5σ
 * bias, then it is honest again.
 */
class FusionTrustTest {

    static final String TRUST = """
            application: {id: fusion-test}
            fusion:
              method: product
              prior: {mean: [0, 0], covariance: [[10000, 0], [0, 10000]]}
              trust: {probability: 0.999, action: quarantine, readmitAfter: 3}
            """;

    static final int ROUNDS = 30;
    static final int BIAS_FROM = 10;
    static final int BIAS_UNTIL = 19;
    static final String[] SOURCES = {"s0", "s1", "s2", "s3"};
    static final double[][] IDENTITY = {{1, 0}, {0, 1}};
    static final double[][] PRIOR = {{10000, 0}, {0, 10000}};

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

    /** Round r (version r) of every source in turn; s3 biased by (5, 0) from BIAS_FROM to BIAS_UNTIL. */
    static List<PosteriorUpdate> scenario(long seed) {
        Random random = new Random(seed);
        double[] truth = {1.0, -2.0};
        List<PosteriorUpdate> input = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            for (String s : SOURCES) {
                double[] x = {truth[0] + random.nextGaussian(), truth[1] + random.nextGaussian()};
                if (s.equals("s3") && r >= BIAS_FROM && r <= BIAS_UNTIL) {
                    x[0] += 5.0;
                }
                input.add(gaussian("q", s, r, x, IDENTITY));
            }
        }
        return input;
    }

    static void send(StageDriver d, List<PosteriorUpdate> input, int from, int to) {
        for (int i = from; i < to; i++) {
            d.posteriorUpdates.pipeInput("q", input.get(i), 1_000L + i);
        }
    }

    @Test
    void aSourceWithA5SigmaBiasIsQuarantinedWithin5UpdatesNamedExcludedAndReadmittedAfterConsistentUpdates() {
        List<PosteriorUpdate> input = scenario(11);
        List<FusedPosterior> out;
        try (StageDriver d = new StageDriver(ConfigLoader.parse(TRUST, "test"), registry.url(), stateDir)) {
            send(d, input, 0, input.size());
            out = d.fused.readValuesToList();
        }
        assertThat(out).hasSize(input.size());

        int quarantinedAt = firstIndex(out, f -> f.getQuarantined().containsKey("s3"));
        assertThat(quarantinedAt).as("s3 is quarantined").isNotNegative();
        FusedPosterior q = out.get(quarantinedAt);
        assertThat(q.getUpdatedSource()).isEqualTo("s3");
        assertThat(q.getUpdatedVersion()).as("quarantined within 5 of its biased updates").isBetween((long) BIAS_FROM, BIAS_FROM + 4L);
        assertThat(q.getQuarantined()).containsExactly(Map.entry("s3", q.getUpdatedVersion()));
        assertThat(q.getSources()).containsOnlyKeys("s0", "s1", "s2");
        assertThat(q.getSourceCount()).isEqualTo(3);
        assertClose(mean(q), mean(productOf(input, quarantinedAt, "s0", "s1", "s2")), 1e-9,
                "the fused mean is the product of the other sources'");

        int readmittedAt = firstIndexFrom(out, quarantinedAt, f -> f.getQuarantined().isEmpty());
        FusedPosterior back = out.get(readmittedAt);
        assertThat(back.getUpdatedSource()).isEqualTo("s3");
        assertThat(back.getUpdatedVersion()).as("readmitted at its third honest update").isEqualTo(BIAS_UNTIL + 3L);
        assertThat(back.getSources()).containsOnlyKeys("s0", "s1", "s2", "s3");
        assertClose(mean(back), mean(productOf(input, readmittedAt, SOURCES)), 1e-9, "s3 counts again");

        for (int i = 0; i < out.size(); i++) {
            FusedPosterior f = out.get(i);
            assertThat(f.getQuarantined()).as("output " + i + ": honest sources are never quarantined")
                    .doesNotContainKeys("s0", "s1", "s2");
            boolean excluded = i >= quarantinedAt && i < readmittedAt;
            assertThat(f.getQuarantined().containsKey("s3")).as("output " + i).isEqualTo(excluded);
            boolean s3HasSent = i >= SOURCES.length - 1;
            assertThat(f.getSources().containsKey("s3")).as("output " + i).isEqualTo(s3HasSent && !excluded);
        }
    }

    @Test
    void quarantinesAndReadmissionsAreCounted() {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        try (StageDriver d = new StageDriver(ConfigLoader.parse(TRUST.replace("fusion-test", "fusion-trust-metrics"), "test"),
                registry.url(), stateDir)) {
            List<PosteriorUpdate> input = scenario(11);
            send(d, input, 0, input.size());
            assertThat(meters.get("bayesfuse.fusion.trust").tags("application", "fusion-trust-metrics", "event", "quarantined")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get("bayesfuse.fusion.trust").tags("application", "fusion-trust-metrics", "event", "readmitted")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get("bayesfuse.fusion.trust.failed.tests").tags("application", "fusion-trust-metrics")
                    .counter().count()).isGreaterThanOrEqualTo(1);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(meters);
        }
    }

    @Test
    void trustStateSurvivesARestoreFromTheChangelogsAndTheOutputIsTheSame() {
        BayesfuseConfig config = ConfigLoader.parse(TRUST, "test");
        List<PosteriorUpdate> input = scenario(11);
        List<FusedPosterior> uninterrupted;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("reference"))) {
            send(d, input, 0, input.size());
            uninterrupted = d.fused.readValuesToList();
        }
        // stop after s3's first honest update: it is quarantined with one consistent update in its streak
        int split = BIAS_UNTIL * SOURCES.length + SOURCES.length;
        List<FusedPosterior> resumed = new ArrayList<>();
        Map<String, List<TestRecord<String, byte[]>>> changelogs = new LinkedHashMap<>();
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("first"))) {
            send(d, input, 0, split);
            resumed.addAll(d.fused.readValuesToList());
            for (String store : FusionStageBehaviourTest.FUSION_STORES) {
                changelogs.put(store, d.driver.createOutputTopic(FusionStageBehaviourTest.changelog(store), Serdes.String().deserializer(),
                        new ByteArrayDeserializer()).readRecordsToList());
            }
        }
        assertThat(resumed.get(split - 1).getQuarantined()).as("s3 is quarantined at the split").containsKey("s3");
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("second"))) {
            FusionStageBehaviourTest.restore(d, changelogs);
            send(d, input, split, input.size());
            resumed.addAll(d.fused.readValuesToList());
        }
        assertThat(resumed).hasSameSizeAs(uninterrupted);
        for (int i = 0; i < resumed.size(); i++) {
            FusedPosterior r = resumed.get(i);
            FusedPosterior u = uninterrupted.get(i);
            r.setLineage(null); // the restarted driver's input offsets start again from 0
            u.setLineage(null);
            assertThat(r).as("output " + i + ", bit for bit").isEqualTo(u);
        }
    }

    @Test
    void trustSetThroughTheConfigTopicQuarantinesTheBiasedSource() {
        String noTrust = TRUST.replace("  trust: {probability: 0.999, action: quarantine, readmitAfter: 3}\n", "");
        try (StageDriver d = new StageDriver(ConfigLoader.parse(noTrust, "test"), registry.url(), stateDir)) {
            FusionPriorSettings prior = FusionPriorSettings.newBuilder().setMean(List.of(0.0, 0.0))
                    .setCovariance(new Matrix(2, 2, List.of(10000.0, 0.0, 0.0, 10000.0))).build();
            d.config.pipeInput("fusion/q", FusionStageBehaviourTest.fusionRecord("q", FusionSettings.newBuilder().setMethod("product")
                    .setPrior(prior).setTrust(TrustSettings.newBuilder().setAction("quarantine").setReadmitAfter(3).build()).build()));
            List<PosteriorUpdate> input = scenario(11);
            send(d, input, 0, input.size());
            List<FusedPosterior> out = d.fused.readValuesToList();
            assertThat(firstIndex(out, f -> f.getQuarantined() != null && f.getQuarantined().containsKey("s3"))).isNotNegative();
        }
        try (StageDriver d = new StageDriver(ConfigLoader.parse(noTrust, "test"), registry.url(), stateDir.resolve("none"))) {
            send(d, scenario(11), 0, 8);
            assertThat(d.fused.readValuesToList()).as("without trust the field is absent")
                    .allSatisfy(f -> assertThat(f.getQuarantined()).isNull());
        }
    }

    /**
     * The other rules with trust, in the stage: covariance intersection (Gaussian posteriors), Fisher
     * merging (Fisher entries 1; with the χ² and the max-z test) and mixture products (single Gaussians under a weak prior). s3 is
     * quarantined within 5 of its biased updates, absent from the fused posterior while it is, and
     * readmitted at its third honest update; the honest sources are never quarantined.
     */
    @ParameterizedTest
    @ValueSource(strings = {"covariance-intersection", "fisher", "fisher max-z", "mixture-product"})
    void theOtherRulesQuarantineTheBiasedSourceAndReadmitIt(String methodAndTest) {
        String method = methodAndTest.split(" ")[0];
        String test = methodAndTest.endsWith("max-z") ? "test: max-z, " : "";
        String yaml = "application: {id: fusion-test}\nfusion:\n  method: " + method + "\n"
                + (method.equals("mixture-product") ? "  prior: {mean: [0, 0], covariance: [[10000, 0], [0, 10000]]}\n" : "")
                + "  trust: {" + test + "probability: 0.999, action: quarantine, readmitAfter: 3}\n";
        // with seed 11 the max-z test wrongly quarantines honest s2 at round 20 (statistic 11.14 against the
        // gate 10.83, an event of probability 0.001 per update; about 9% over the scenario's 90 honest tests)
        List<PosteriorUpdate> input = scenario(test.isEmpty() ? 11 : 12);
        if (method.equals("fisher")) {
            input.replaceAll(u -> FusionAssertions.fisher("q", u.getSourceId(), u.getVersion(),
                    FusionAssertions.doubles(((io.bayesfuse.avro.GaussianPosterior) u.getPosterior()).getMean()), new double[]{1, 1}));
        }
        List<FusedPosterior> out;
        try (StageDriver d = new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir)) {
            send(d, input, 0, input.size());
            out = d.fused.readValuesToList();
        }
        assertThat(out).hasSize(input.size());
        int quarantinedAt = firstIndex(out, f -> f.getQuarantined().containsKey("s3"));
        assertThat(quarantinedAt).as("s3 is quarantined").isNotNegative();
        assertThat(out.get(quarantinedAt).getUpdatedVersion()).as("quarantined within 5 of its biased updates")
                .isBetween((long) BIAS_FROM, BIAS_FROM + 4L);
        int readmittedAt = firstIndexFrom(out, quarantinedAt, f -> f.getQuarantined().isEmpty());
        assertThat(out.get(readmittedAt).getUpdatedVersion()).as("readmitted at its third honest update").isEqualTo(BIAS_UNTIL + 3L);
        for (int i = 0; i < out.size(); i++) {
            FusedPosterior f = out.get(i);
            assertThat(f.getQuarantined()).as("output " + i + ": honest sources are never quarantined")
                    .doesNotContainKeys("s0", "s1", "s2");
            boolean excluded = i >= quarantinedAt && i < readmittedAt;
            assertThat(f.getSources().containsKey("s3")).as("output " + i).isEqualTo(i >= SOURCES.length - 1 && !excluded);
        }
    }

    /** The product of the named sources' newest posteriors up to input index {@code upTo}, as the kernels compute it. */
    private static io.bayesfuse.kernels.fusion.FusionResult productOf(List<PosteriorUpdate> input, int upTo, String... sources) {
        Map<String, PosteriorUpdate> newest = new java.util.TreeMap<>();
        for (int i = 0; i <= upTo; i++) {
            newest.put(input.get(i).getSourceId(), input.get(i));
        }
        VersionedFusion fusion = new VersionedFusion(new ProductRule(InformationContribution.fromCovariance("prior", new double[2], PRIOR, 0)));
        for (String s : sources) {
            PosteriorUpdate u = newest.get(s);
            io.bayesfuse.avro.GaussianPosterior g = (io.bayesfuse.avro.GaussianPosterior) u.getPosterior();
            double[] x = g.getMean().stream().mapToDouble(Double::doubleValue).toArray();
            fusion.update(s, u.getVersion(), new SourcePosterior.Covariance(x, IDENTITY));
        }
        return fusion.result();
    }

    private static int firstIndex(List<FusedPosterior> out, java.util.function.Predicate<FusedPosterior> p) {
        return firstIndexFrom(out, 0, p);
    }

    private static int firstIndexFrom(List<FusedPosterior> out, int from, java.util.function.Predicate<FusedPosterior> p) {
        for (int i = from; i < out.size(); i++) {
            if (p.test(out.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
