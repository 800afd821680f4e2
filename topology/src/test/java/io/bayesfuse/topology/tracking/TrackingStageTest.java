package io.bayesfuse.topology.tracking;

import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackingStageTest {

    static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.1}}
            sensors:
              radar: {measurement: {type: position}, R: [[9, 0], [0, 9]]}
            tracking:
              motionModel: cv
              association: gnn
              detectionProbability: 0.9
              clutterDensity: 1.0e-6
              initiation: {type: m-of-n, m: 2, n: 3}
              deletion: {misses: 2}
              birth: {P: [[9, 0, 0, 0], [0, 100, 0, 0], [0, 0, 9, 0], [0, 0, 0, 100]]}
              outOfOrder: {historyMillis: 3000}
              regions: {sea-1: {}, sea-2: {clutterDensity: 1.0e-5}}
            """;

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

    private record Stage(StageDriver driver, TestInputTopic<String, DetectionScan> detections, TestOutputTopic<String, Estimate> tracks) {
    }

    private Stage stage() {
        StageDriver d = new StageDriver(ConfigLoader.parse(CONFIG, "test"), registry.url(), stateDir);
        return new Stage(d, d.input(d.topics.detections(), DetectionScan.class), d.output(d.topics.tracks(), Estimate.class));
    }

    private static DetectionScan scan(String region, long time, double[]... z) {
        List<Detection> detections = new ArrayList<>();
        for (double[] p : z) {
            detections.add(Detection.at(p));
        }
        return DetectionScans.toAvro(region, new Scan("radar", time, detections));
    }

    @Test
    void eachScanPublishesEveryTrackOfItsRegionKeyedByTrackIdWithItsStatus() {
        Stage s = stage();
        try (s.driver) {
            s.detections.pipeInput("sea-1", scan("sea-1", 1000, new double[]{0, 0}), 1000);
            s.detections.pipeInput("sea-2", scan("sea-2", 1000, new double[]{50, 50}), 1000);
            s.detections.pipeInput("sea-1", scan("sea-1", 2000, new double[]{5, 1}), 2000);
            s.detections.pipeInput("sea-1", scan("sea-1", 3000), 3000);
            s.detections.pipeInput("sea-1", scan("sea-1", 4000), 4000);
            List<TestRecord<String, Estimate>> out = s.tracks.readRecordsToList();
            assertThat(out).extracting(r -> r.key() + " " + r.value().getStatus() + " " + r.value().getTimestamp().toEpochMilli())
                    .containsExactly("sea-1/1 TENTATIVE 1000", "sea-2/1 TENTATIVE 1000", "sea-1/1 CONFIRMED 2000",
                            "sea-1/1 CONFIRMED 3000", "sea-1/1 DELETED 4000");
            Estimate confirmed = out.get(2).value();
            assertThat(confirmed.getTrackId()).isEqualTo("sea-1/1");
            assertThat(confirmed.getEntityId()).isEqualTo("sea-1/1");
            assertThat(confirmed.getRegion()).isEqualTo("sea-1");
            assertThat(confirmed.getSensorId()).isEqualTo("radar");
            assertThat(confirmed.getFilterType()).isEqualTo("kf");
            assertThat(confirmed.getMotionModel()).isEqualTo("cv");
            assertThat(confirmed.getMean()).hasSize(4);
            assertThat(confirmed.getCovariance().getRows()).isEqualTo(4);
            assertThat(confirmed.getLineage().getTopic()).isEqualTo(s.driver.topics.detections());
            assertThat(out.get(4).value().getMessage()).contains("2 consecutive scans");
        }
    }

    @Test
    void badScansAreDeadLetteredWithTheirReasonAndChangeNothing() {
        Stage s = stage();
        try (s.driver) {
            TestOutputTopic<byte[], DeadLetter> dead = s.driver.deadLetters;
            s.detections.pipeInput("sea-1", scan("sea-1", 10_000, new double[]{0, 0}), 10_000);
            s.detections.pipeInput("sea-1", scan("sea-1", 11_000, new double[]{1, Double.NaN}), 11_000);
            s.detections.pipeInput("sea-1", scan("sea-1", 11_000, new double[]{1, 2, 3}), 11_000);
            s.detections.pipeInput("sea-1", DetectionScan.newBuilder(scan("sea-1", 11_000)).setSensorId("lidar").build(), 11_000);
            s.detections.pipeInput("sea-9", scan("sea-9", 11_000), 11_000);
            s.detections.pipeInput("sea-2", scan("sea-1", 11_000), 11_000);
            s.detections.pipeInput("sea-1", DetectionScan.newBuilder(scan("sea-1", 11_000)).setTimestamp(null).build(), 11_000);
            s.detections.pipeInput("sea-1", scan("sea-1", 12_000), 12_000);
            s.detections.pipeInput("sea-1", scan("sea-1", 8_500, new double[]{9, 9}), 12_000);
            List<DeadLetter> letters = dead.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.NON_FINITE,
                    DeadLetterReason.WRONG_DIMENSION, DeadLetterReason.UNKNOWN_SENSOR, DeadLetterReason.OTHER,
                    DeadLetterReason.KEY_MISMATCH, DeadLetterReason.MISSING_TIMESTAMP, DeadLetterReason.TOO_LATE);
            assertThat(letters.get(0).getMessage()).contains("region 'sea-1'", "detections[0].z");
            assertThat(letters.get(3).getMessage()).contains("region 'sea-9' is not one of tracking.regions [sea-1, sea-2]");
            assertThat(letters.get(6).getMessage()).contains("more than 3000 ms older");
            // only the good scans moved the region: a birth, then a miss
            assertThat(s.tracks.readRecordsToList()).extracting(r -> r.value().getStatus() + " " + r.value().getTimestamp().toEpochMilli())
                    .containsExactly("TENTATIVE 10000", "TENTATIVE 12000");
        }
    }

    @Test
    void aLateScanWithinTheWindowRevisesTheRegionAndATombstoneClearsIt() {
        Stage s = stage();
        try (s.driver) {
            s.detections.pipeInput("sea-1", scan("sea-1", 1000, new double[]{0, 0}), 1000);
            s.detections.pipeInput("sea-1", scan("sea-1", 3000, new double[]{10, 2}), 3000);
            s.tracks.readRecordsToList();
            s.detections.pipeInput("sea-1", scan("sea-1", 2000, new double[]{5, 1}), 3000);
            List<Estimate> revised = s.tracks.readValuesToList();
            assertThat(revised).extracting(e -> e.getTrackId() + " " + e.getStatus() + " " + e.getTimestamp().toEpochMilli()
                    + " " + e.getMeasurementTimestamp().toEpochMilli()).containsExactly("sea-1/1 CONFIRMED 3000 2000");
            assertThat(revised.get(0).getMessage()).contains("revised by the late scan at 2000");
            s.detections.pipeInput("sea-1", null, 4000);
            assertThat(s.tracks.readValuesToList()).extracting(Estimate::getStatus).containsExactly(EstimateStatus.DELETED);
            s.detections.pipeInput("sea-1", scan("sea-1", 5000, new double[]{0, 0}), 5000);
            assertThat(s.tracks.readValuesToList()).extracting(Estimate::getTrackId).containsExactly("sea-1/2");
        }
    }

    @Test
    void aTrackingSectionThatCannotRunIsRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> RegionTrackers.create(ConfigLoader.parse(CONFIG.replace("type: position", "type: range-bearing, origin: [0, 0]")
                .replace("R: [[9, 0], [0, 9]]", "R: [[9, 0], [0, 0.0001]]"), "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tracking.filter: is a linear Kalman filter but sensors.radar has a nonlinear range-bearing measurement");
        assertThatThrownBy(() -> ConfigLoader.parse(CONFIG.replace("detectionProbability: 0.9", "detectionProbability: 1.5")
                .replace("m: 2, n: 3", "m: 4, n: 3"), "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tracking.detectionProbability: is 1.5, must lie in (0, 1]")
                .hasMessageContaining("tracking.initiation.n: is 3, must be at least m (4)");
        assertThatThrownBy(() -> ConfigLoader.parse(CONFIG.replace("association: gnn", "association: jpda\n  filter: imm"), "test"))
                .hasMessageContaining("tracking.association: is jpda, which needs one Gaussian per track");
    }

    @Test
    void theConfirmedTracksAreScoredAgainstTheTruthWhicheverOfTheTwoArrivesFirst() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        Stage s = stage();
        try (s.driver) {
            TestInputTopic<String, io.bayesfuse.avro.Truth> truth = s.driver.input(s.driver.topics.truth(), io.bayesfuse.avro.Truth.class);
            // one target moving east at 5 m/s, detected exactly; m = 2: confirmed at the second scan
            for (int k = 0; k < 4; k++) {
                long time = 20_000 + 1000L * k;
                io.bayesfuse.avro.Truth t = io.bayesfuse.avro.Truth.newBuilder().setTimestamp(Instant.ofEpochMilli(time)).setRegion("sea-2")
                        .setTargets(List.of(new io.bayesfuse.avro.TrueTarget("T1", List.of(5.0 * k, 5.0, 0.0, 0.0)))).build();
                if (k % 2 == 0) {   // the truth first, then the scan; and the other way round
                    truth.pipeInput("sea-2", t, time);
                    s.detections.pipeInput("sea-2", scan("sea-2", time, new double[]{5.0 * k, 0}), time);
                } else {
                    s.detections.pipeInput("sea-2", scan("sea-2", time, new double[]{5.0 * k, 0}), time);
                    truth.pipeInput("sea-2", t, time);
                }
            }
            // labelled-entity truth (no region) is not the tracking stage's
            truth.pipeInput("target-01", io.bayesfuse.avro.Truth.newBuilder().setTimestamp(Instant.ofEpochMilli(20_000))
                    .setTargets(List.of(new io.bayesfuse.avro.TrueTarget("target-01", List.of(1.0, 1.0, 1.0, 1.0)))).build(), 20_000);
            var gospa = registry.find("bayesfuse.tracking.gospa").tag("region", "sea-2").summary();
            assertThat(gospa).isNotNull();
            assertThat(gospa.count()).isEqualTo(4);
            // scan 0: a tentative track only, the target missed (5); scans 1-3: confirmed, within a few metres
            assertThat(registry.find("bayesfuse.tracking.gospa.parts").tag("region", "sea-2").tag("part", "missed").counter().count())
                    .isEqualTo(5.0);
            assertThat(registry.find("bayesfuse.tracking.gospa.parts").tag("region", "sea-2").tag("part", "false").counter().count())
                    .isZero();
            assertThat(gospa.totalAmount()).isBetween(5.0, 5.0 + 3 * 3.0);
            assertThat(registry.find("bayesfuse.tracking.nees.estimates").tag("region", "sea-2").counter().count()).isEqualTo(3.0);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }
    }
}
