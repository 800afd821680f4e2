package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.bayesfuse.topology.fusion.FusionAssertions.gaussian;
import static io.bayesfuse.topology.fusion.FusionAssertions.retraction;
import static io.bayesfuse.topology.fusion.FusionStageBehaviourTest.FUSION_STORES;
import static io.bayesfuse.topology.fusion.FusionStageBehaviourTest.PRODUCT;
import static io.bayesfuse.topology.fusion.FusionStageBehaviourTest.changelog;
import static io.bayesfuse.topology.fusion.FusionStageBehaviourTest.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the fusion stage keeps its state: one store entry per (quantity, source), a small header per
 * quantity, an expiry index; what an update reads and writes; and what becomes of the previous
 * release's stores.
 */
class FusionStateLayoutTest {

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

    private static PosteriorUpdate source(String quantity, String source, long version, Random random) {
        double v = 0.5 + random.nextDouble();
        return gaussian(quantity, source, version, new double[]{random.nextGaussian(), random.nextGaussian()},
                new double[][]{{v, 0.1}, {0.1, v}});
    }

    private static Map<String, List<TestRecord<String, byte[]>>> changelogs(StageDriver d) {
        Map<String, List<TestRecord<String, byte[]>>> logs = new LinkedHashMap<>();
        for (String store : FUSION_STORES) {
            logs.put(store, d.driver.createOutputTopic(changelog(store), Serdes.String().deserializer(),
                    new ByteArrayDeserializer()).readRecordsToList());
        }
        return logs;
    }

    @Test
    void anUpdateWritesItsSourcesRecordAndTheHeaderWhateverTheNumberOfSources() {
        String yaml = PRODUCT.replace("fusion: {method: product,", "fusion: {method: product, sourceTtlMillis: 3600000,");
        try (StageDriver d = new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir)) {
            Random random = new Random(3);
            int K = 2_000;
            for (int k = 0; k < K; k++) {
                send(d, source("q", "source-" + k, 1, random), 1_000 + k);
            }
            changelogs(d);
            d.fused.readRecordsToList();

            send(d, source("q", "source-1234", 2, random), 5_000);
            Map<String, List<TestRecord<String, byte[]>>> written = changelogs(d);
            assertThat(written.get(BayesfuseTopology.QUANTITY_STORE)).hasSize(1);
            assertThat(written.get(BayesfuseTopology.QUANTITY_SOURCE_STORE)).extracting(TestRecord::key)
                    .containsExactly(FusionKeys.source("q", "source-1234"));
            assertThat(written.get(BayesfuseTopology.QUANTITY_EXPIRY_STORE)).as("the old expiry entry out, the new one in")
                    .hasSize(2);
            assertThat(written.get(BayesfuseTopology.QUANTITY_STORE).get(0).value().length).as("header bytes").isLessThan(1_000);

            FusedPosterior out = d.fused.readValuesToList().get(0);
            assertThat(out.getSourceCount()).isEqualTo(K);
            assertThat(out.getSources()).as("above the listing limit").isEmpty();
            assertThat(out.getUpdatedVersion()).isEqualTo(2L);
            KeyValueStore<String, byte[]> sources = d.driver.getKeyValueStore(BayesfuseTopology.QUANTITY_SOURCE_STORE);
            long count = 0;
            try (KeyValueIterator<String, byte[]> all = sources.prefixScan(FusionKeys.sourcePrefix("q"), Serdes.String().serializer())) {
                while (all.hasNext()) {
                    KeyValue<String, byte[]> kv = all.next();
                    assertThat(kv.value.length).isLessThan(200);
                    count++;
                }
            }
            assertThat(count).isEqualTo(K);
        }
    }

    @Test
    void sourcesExpireAtTheSameStreamTimesWhetherOrNotTheStageRestartedInBetween() {
        BayesfuseConfig config = ConfigLoader.parse(PRODUCT.replace("fusion: {method: product,",
                "fusion: {method: product, sourceTtlMillis: 5000,"), "test");
        Random random = new Random(11);
        List<PosteriorUpdate> input = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long t = 1_000;
        for (int i = 0; i < 60; i++) {
            t += random.nextInt(3) == 0 ? 2_500 : 300;     // gaps let some sources expire
            String quantity = "q" + random.nextInt(3);
            String sourceId = "s" + random.nextInt(6);
            input.add(random.nextInt(8) == 0 ? retraction(quantity, sourceId, 1_000 + i) : source(quantity, sourceId, 1_000 + i, random));
            times.add(t);
        }
        List<TestRecord<String, FusedPosterior>> uninterrupted = new ArrayList<>();
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("one"))) {
            for (int i = 0; i < input.size(); i++) {
                sendIgnoringRefusals(d, input.get(i), times.get(i));
            }
            uninterrupted.addAll(d.fused.readRecordsToList());
        }
        assertThat(uninterrupted).extracting(r -> r.value() == null ? null : r.value().getChange()).contains(FusionChange.EXPIRED);

        List<TestRecord<String, FusedPosterior>> restarted = new ArrayList<>();
        Map<String, List<TestRecord<String, byte[]>>> logs;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("two"))) {
            for (int i = 0; i < 30; i++) {
                sendIgnoringRefusals(d, input.get(i), times.get(i));
            }
            restarted.addAll(d.fused.readRecordsToList());
            logs = changelogs(d);
        }
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("three"))) {
            FusionStageBehaviourTest.restore(d, logs);
            // the restarted task's stream time starts from its input, as after a crash
            for (int i = 30; i < input.size(); i++) {
                sendIgnoringRefusals(d, input.get(i), times.get(i));
            }
            restarted.addAll(d.fused.readRecordsToList());
        }
        assertThat(restarted).hasSameSizeAs(uninterrupted);
        for (int i = 0; i < restarted.size(); i++) {
            assertThat(restarted.get(i).key()).as("output " + i).isEqualTo(uninterrupted.get(i).key());
            assertThat(restarted.get(i).timestamp()).as("output " + i).isEqualTo(uninterrupted.get(i).timestamp());
            // offsets restart in the second driver: everything but the input's offset must agree
            assertThat(withoutOffset(restarted.get(i).value())).as("output " + i).isEqualTo(withoutOffset(uninterrupted.get(i).value()));
        }
    }

    private static FusedPosterior withoutOffset(FusedPosterior f) {
        if (f != null && f.getLineage() != null) {
            f.getLineage().setOffset(-1L);
        }
        return f;
    }

    private static void sendIgnoringRefusals(StageDriver d, PosteriorUpdate u, long time) {
        send(d, u, time);
        d.deadLetters.readValuesToList();
    }

    @Test
    void aQuantityStoredByThePreviousReleaseIsConvertedOnFirstUseAndContinues() {
        BayesfuseConfig config = ConfigLoader.parse(PRODUCT, "test");
        Random random = new Random(5);
        List<PosteriorUpdate> first = List.of(source("q", "a", 1, random), source("q", "b", 3, random), source("q", "c", 1, random));
        List<PosteriorUpdate> then = List.of(source("q", "b", 4, random), source("q", "d", 1, random), retraction("q", "a", 2));
        List<FusedPosterior> uninterrupted;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("now"))) {
            long time = 1_000;
            for (PosteriorUpdate u : first) {
                send(d, u, time++);
            }
            d.fused.readValuesToList();
            for (PosteriorUpdate u : then) {
                send(d, u, time++);
            }
            uninterrupted = d.fused.readValuesToList();
        }
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("upgraded"))) {
            // what the previous release's changelog restores: the whole quantity in one value
            List<SourceEntry> entries = new ArrayList<>();
            Map<String, SourceClock> clocks = new HashMap<>();
            long time = 1_000;
            for (PosteriorUpdate u : first) {
                double[][] arrays = InformationContribution.of("s", Posteriors.toKernel("q", u, time, 10_000,
                        FusionSelection.compile(config).forQuantity("q")).posterior(), 0, "product").toArrays();
                entries.add(new SourceEntry(u.getSourceId(), u.getVersion(), List.of(arrays)));
                clocks.put(u.getSourceId(), new SourceClock(null, time++));
            }
            FusionState legacy = new FusionState(FusionMethod.PRODUCT, 2, List.of(), 0, entries, Map.of());
            KeyValueStore<String, StoredQuantity> store = d.driver.getKeyValueStore(BayesfuseTopology.QUANTITY_STORE);
            store.put("q", StoredQuantitySerde.decode(FusedQuantitySerde.encode(new FusedQuantity(
                    FusionSelection.compile(config).forQuantity("q").fingerprint(), clocks, legacy))));
            assertThat(store.get("q").isLegacy()).isTrue();

            for (PosteriorUpdate u : then) {
                send(d, u, time++);
            }
            List<FusedPosterior> converted = d.fused.readValuesToList();
            assertThat(converted).hasSameSizeAs(uninterrupted);
            for (int i = 0; i < converted.size(); i++) {
                assertThat(converted.get(i).getSources()).isEqualTo(uninterrupted.get(i).getSources());
                assertThat(converted.get(i).getSourcesDigest()).isEqualTo(uninterrupted.get(i).getSourcesDigest());
                assertThat(FusionAssertions.mean(converted.get(i))).usingComparatorWithPrecision(1e-12)
                        .containsExactly(FusionAssertions.mean(uninterrupted.get(i)));
            }
            assertThat(store.get("q").isLegacy()).as("written back in this release's format").isFalse();
        }
    }
}
