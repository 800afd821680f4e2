package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.AdaptationSettings;
import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.ChangepointAction;
import io.bayesfuse.avro.ConfigKind;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.MeasurementModelSettings;
import io.bayesfuse.avro.SensorSettings;
import io.bayesfuse.kernels.random.SplitMix64;
import io.bayesfuse.kernels.stats.Consistency;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.live.ConfigRecords;
import io.bayesfuse.topology.sensors.SensorState;
import io.bayesfuse.topology.sensors.SensorStateSerde;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Changepoints, adaptive noise and fixed-lag smoothing through the filter stage (a broker-less
 * driver): targets moving with nearly constant velocity (q = 0.5), seen every second by a gps whose
 * true noise is 4·I and a tag whose true noise is I, as configured. Seeded: every number is the
 * same on every run.
 */
class OnlineAdaptationStageTest {

    /** The gps configured 10× too confident (R = 0.4·I, truly 4·I) unless a test says otherwise. */
    static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[%s, 0.0], [0.0, %s]]%s}
              tag: {measurement: {type: position}, R: [[1.0, 0.0], [0.0, 1.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              %s
            """;
    static final String ADAPTIVE = ", adaptation: {type: diagonal, priorStrength: 10, forgetting: 0.98, iterations: 3}";
    static final String SENSOR_CHANGELOG = "bayesfuse-" + BayesfuseTopology.SENSOR_STORE + "-changelog";
    static final String ENTITY_CHANGELOG = "bayesfuse-" + BayesfuseTopology.ENTITY_STORE + "-changelog";

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

    static String config(double gpsR, String gpsExtra, String filterExtra) {
        return CONFIG.formatted(gpsR, gpsR, gpsExtra, filterExtra);
    }

    private StageDriver driver(String yaml, String dir) {
        return new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir.resolve(dir));
    }

    /** One reading of the simulated feed, with the truth at its time. */
    record Reading(String entity, String sensor, long time, double[] z, double[] truth) {

        Measurement avro() {
            return Measurement.newBuilder().setEntityId(entity).setSensorId(sensor).setTimestamp(Instant.ofEpochMilli(time))
                    .setZ(Arrays.stream(z).boxed().toList()).build();
        }
    }

    /**
     * {@code steps} seconds of one target: each second the gps (variance 4) and, half a second later,
     * the tag (variance 1) measure its position; from step {@code biasFrom} on the gps reads
     * {@code bias} metres too far east.
     */
    static List<Reading> simulate(long seed, String entity, int steps, int biasFrom, double bias) {
        SplitMix64 random = new SplitMix64(seed);
        double q = 0.5;
        double[] x = {5 * random.nextGaussian(), 1 + 2 * random.nextGaussian(), 5 * random.nextGaussian(), 1 + 2 * random.nextGaussian()};
        List<Reading> readings = new ArrayList<>();
        long t = 1_000_000;
        for (int k = 0; k < steps; k++) {
            if (k > 0) {
                x = step(random, x, 0.5, q);
            }
            double gpsBias = k >= biasFrom ? bias : 0;
            readings.add(new Reading(entity, "gps", t, new double[]{x[0] + 2 * random.nextGaussian() + gpsBias,
                    x[2] + 2 * random.nextGaussian()}, x.clone()));
            x = step(random, x, 0.5, q);
            readings.add(new Reading(entity, "tag", t + 500, new double[]{x[0] + random.nextGaussian(),
                    x[2] + random.nextGaussian()}, x.clone()));
            t += 1000;
        }
        return readings;
    }

    /** x' = F x + w, w ~ N(0, Q), the exact discretisation of continuous white-noise acceleration per axis. */
    static double[] step(SplitMix64 random, double[] x, double dt, double q) {
        double l11 = Math.sqrt(q * dt * dt * dt / 3);
        double l21 = q * dt * dt / 2 / l11;
        double l22 = Math.sqrt(q * dt - l21 * l21);
        double[] next = new double[4];
        for (int p = 0; p < 4; p += 2) {
            double u1 = random.nextGaussian();
            double u2 = random.nextGaussian();
            next[p] = x[p] + dt * x[p + 1] + l11 * u1;
            next[p + 1] = x[p + 1] + l21 * u1 + l22 * u2;
        }
        return next;
    }

    static void send(StageDriver d, List<Reading> readings) {
        for (Reading r : readings) {
            d.measurements.pipeInput(r.entity(), r.avro(), r.time());
        }
    }

    /** The mean NIS of the gps estimates from the {@code skip}-th gps estimate on, and how many. */
    static double[] meanGpsNis(List<Estimate> estimates, int skip) {
        double sum = 0;
        int count = 0;
        int seen = 0;
        for (Estimate e : estimates) {
            if ("gps".equals(e.getSensorId()) && e.getNis() != null && seen++ >= skip) {
                sum += e.getNis();
                count++;
            }
        }
        return new double[]{sum / count, count};
    }

    @Test
    void adaptiveNoiseBringsTheTimeAveragedNisOfASensorWhoseRIsTenTimesWrongBackInsideItsInterval() {
        List<Reading> feed = simulate(7, "e1", 1200, Integer.MAX_VALUE, 0);
        double[] fixed;
        double[] adaptive;
        try (StageDriver d = driver(config(0.4, "", ""), "fixed")) {
            send(d, feed);
            fixed = meanGpsNis(d.estimates.readValuesToList(), 400);
        }
        try (StageDriver d = driver(config(0.4, ADAPTIVE, ""), "adaptive")) {
            send(d, feed);
            adaptive = meanGpsNis(d.estimates.readValuesToList(), 400);
            SensorState gps = d.driver.<String, SensorState>getKeyValueStore(BayesfuseTopology.SENSOR_STORE).get("gps");
            assertThat(gps.learnedR()[0][0]).as("E[R] learned from 0.4 towards the true 4").isCloseTo(4, within(1.5));
            assertThat(gps.learnedR()[1][1]).isCloseTo(4, within(1.5));
            assertThat(gps.learnedREntity()).isEqualTo("e1");
        }
        double[] interval = Consistency.averageInterval(2, (int) adaptive[1], 0.95);
        System.out.printf("mean gps NIS over %d estimates: fixed R %.3f, adaptive %.3f; 95%% interval [%.3f, %.3f]%n",
                (int) adaptive[1], fixed[0], adaptive[0], interval[0], interval[1]);
        assertThat(fixed[0]).isGreaterThan(interval[1]);
        assertThat(adaptive[0]).isBetween(interval[0], interval[1]);
    }

    @Test
    void adaptiveNoiseAlsoCorrectsAnRTenTimesTooLarge() {
        List<Reading> feed = simulate(8, "e1", 1200, Integer.MAX_VALUE, 0);
        double[] fixed;
        double[] adaptive;
        try (StageDriver d = driver(config(40, "", ""), "fixed")) {
            send(d, feed);
            fixed = meanGpsNis(d.estimates.readValuesToList(), 400);
        }
        try (StageDriver d = driver(config(40, ADAPTIVE, ""), "adaptive")) {
            send(d, feed);
            adaptive = meanGpsNis(d.estimates.readValuesToList(), 400);
        }
        double[] interval = Consistency.averageInterval(2, (int) adaptive[1], 0.95);
        System.out.printf("R 10x too large: mean gps NIS fixed %.3f, adaptive %.3f; interval [%.3f, %.3f]%n",
                fixed[0], adaptive[0], interval[0], interval[1]);
        assertThat(fixed[0]).isLessThan(interval[0]);
        assertThat(adaptive[0]).isBetween(interval[0], interval[1]);
    }

    static final String DETECT = ", changepoint: {model: innovations, hazard: 1000, threshold: 0.8, window: 20, action: %s}";

    /** The index of the first gps reading at or after {@code step}, counted among gps readings. */
    static final int CHANGE_STEP = 300;
    /** The documented bound on the delay (kernels' InnovationChangepointTest: median 6, at most 13 of 20 seeds). */
    static final int MAX_DELAY = 20;

    @Test
    void aMeanShiftOnASensorIsPublishedOnTheChangepointsTopicAndItsRIsInflated() {
        List<Reading> feed = simulate(11, "e1", 600, CHANGE_STEP, 6);
        long changeTime = feed.get(2 * CHANGE_STEP).time();
        try (StageDriver d = driver(config(4, DETECT.formatted("{type: inflate-r, factor: 10, durationMillis: 30000}"), ""), "shift")) {
            send(d, feed);
            List<TestRecord<String, Changepoint>> changes = d.changepoints.readRecordsToList();
            assertThat(changes).hasSize(1);
            Changepoint c = changes.get(0).value();
            assertThat(changes.get(0).key()).isEqualTo("gps");
            long detectedAt = c.getTimestamp().toEpochMilli();
            int delay = (int) ((detectedAt - changeTime) / 1000) + 1;
            System.out.printf("mean shift of 6 m (3 sigma): detected after %d gps measurements (kernel delay %d), P(change) %.3f, start %s%n",
                    delay, c.getDelay(), c.getChangeProbability(), c.getChangeStart());
            assertThat(delay).isBetween(1, MAX_DELAY);
            assertThat(c.getChangeStart().toEpochMilli()).isBetween(changeTime - 10_000, detectedAt);
            assertThat(c.getChangeProbability()).isGreaterThanOrEqualTo(0.8);
            assertThat(c.getAction()).isEqualTo(ChangepointAction.INFLATE_R);
            assertThat(c.getInflation()).isEqualTo(10.0);
            assertThat(c.getInflatedUntil().toEpochMilli()).isEqualTo(detectedAt + 30_000);
            assertThat(c.getPartition()).isZero();
            assertThat(c.getModel()).isEqualTo("innovations");
            // the gps's next measurements use R inflated ×10, and say so
            List<Estimate> inflated = d.estimates.readValuesToList().stream()
                    .filter(e -> "gps".equals(e.getSensorId()) && e.getTimestamp().toEpochMilli() > detectedAt
                            && e.getTimestamp().toEpochMilli() < detectedAt + 30_000).toList();
            assertThat(inflated).hasSize(29).allSatisfy(e -> assertThat(e.getMessage()).contains("R inflated x10.0"));
            SensorState gps = d.driver.<String, SensorState>getKeyValueStore(BayesfuseTopology.SENSOR_STORE).get("gps");
            assertThat(gps.changes()).isEqualTo(1);
            assertThat(gps.inflatedUntil()).isEqualTo(detectedAt + 30_000);
        }
    }

    @Test
    void aChangeWithTheResetActionRestartsTheEntitiesTheSensorMeasuredSinceTheChange() {
        List<Reading> feed = new ArrayList<>();
        List<List<Reading>> tracks = List.of(simulate(21, "e1", 600, CHANGE_STEP, 6), simulate(22, "e2", 600, CHANGE_STEP, 6),
                simulate(23, "e3", 600, CHANGE_STEP, 6));
        for (int i = 0; i < tracks.get(0).size(); i++) {
            for (List<Reading> track : tracks) {
                feed.add(track.get(i));
            }
        }
        try (StageDriver d = driver(config(4, DETECT.formatted("{type: reset-entities}"), ""), "reset")) {
            send(d, feed);
            List<Changepoint> changes = d.changepoints.readValuesToList();
            assertThat(changes).isNotEmpty();
            Changepoint first = changes.get(0);
            System.out.printf("3 entities, gps shifted by 6 m at %d: first change detected at %s (start %s), reset %s%n",
                    feed.get(6 * CHANGE_STEP).time(), first.getTimestamp(), first.getChangeStart(), first.getResetEntities());
            assertThat(first.getAction()).isEqualTo(ChangepointAction.RESET_ENTITIES);
            assertThat(first.getResetEntities()).isNotEmpty().isSorted().contains(first.getEntityId());
            long detectedAt = first.getTimestamp().toEpochMilli();
            assertThat(detectedAt).isBetween(feed.get(6 * CHANGE_STEP).time(), feed.get(6 * CHANGE_STEP).time() + MAX_DELAY * 1000L);
            List<Estimate> resets = d.estimates.readValuesToList().stream()
                    .filter(e -> e.getStatus() == EstimateStatus.RESET && e.getMessage().contains("changepoint at " + detectedAt)).toList();
            assertThat(resets).extracting(Estimate::getEntityId).containsExactlyElementsOf(first.getResetEntities());
        }
    }

    @Test
    void aStationaryStreamOfTheSameLengthRaisesNoChangepoint() {
        List<Reading> feed = simulate(11, "e1", 600, Integer.MAX_VALUE, 0);
        try (StageDriver d = driver(config(4, DETECT.formatted("{type: inflate-r}"), ""), "stationary")) {
            send(d, feed);
            assertThat(d.changepoints.readValuesToList()).isEmpty();
            SensorState gps = d.driver.<String, SensorState>getKeyValueStore(BayesfuseTopology.SENSOR_STORE).get("gps");
            assertThat(gps.observations()).isEqualTo(600);
            assertThat(gps.changes()).isZero();
        }
    }

    @Test
    void smoothedEstimatesEqualAnIndependentBatchRtsOverTheWindowAndBeatTheFilteredOnRmse() {
        int lag = 5;
        List<Reading> feed = simulate(31, "e1", 300, Integer.MAX_VALUE, 0);
        try (StageDriver d = driver(config(4, "", "smoothing: {lag: " + lag + "}"), "smooth")) {
            send(d, feed);
            List<Estimate> filtered = d.estimates.readValuesToList();
            List<Estimate> smoothed = d.smoothed.readValuesToList();
            assertThat(filtered).hasSize(feed.size());
            assertThat(smoothed).hasSize(feed.size() - lag);
            double worst = 0;
            double filteredSquared = 0;
            double smoothedSquared = 0;
            for (int j = 0; j < smoothed.size(); j++) {
                int k = j + lag;   // the smoothed estimate published with measurement k is of measurement k − L
                Estimate s = smoothed.get(j);
                assertThat(s.getStatus()).isEqualTo(EstimateStatus.SMOOTHED);
                assertThat(s.getTimestamp()).isEqualTo(filtered.get(j).getTimestamp());
                assertThat(s.getMeasurementTimestamp()).isEqualTo(Instant.ofEpochMilli(feed.get(k).time()));
                double[][] batch = BatchRts.smoothOldest(filtered.subList(j, k + 1), 0.5);
                double[] x = doubles(s.getMean());
                double[] P = doubles(s.getCovariance().getValues());
                for (int i = 0; i < 4; i++) {
                    worst = Math.max(worst, Math.abs(x[i] - batch[0][i]));
                }
                for (int i = 0; i < 16; i++) {
                    worst = Math.max(worst, Math.abs(P[i] - batch[1][i]));
                }
                double[] truth = feed.get(j).truth();
                double[] f = doubles(filtered.get(j).getMean());
                filteredSquared += sq(f[0] - truth[0]) + sq(f[2] - truth[2]);
                smoothedSquared += sq(x[0] - truth[0]) + sq(x[2] - truth[2]);
            }
            double filteredRmse = Math.sqrt(filteredSquared / smoothed.size());
            double smoothedRmse = Math.sqrt(smoothedSquared / smoothed.size());
            System.out.printf("lag %d: largest difference from the batch RTS %.2e; position RMSE filtered %.3f, smoothed %.3f%n",
                    lag, worst, filteredRmse, smoothedRmse);
            assertThat(worst).isLessThan(1e-9);
            assertThat(smoothedRmse).isLessThan(filteredRmse);
        }
    }

    @Test
    void aLiveConfigChangeThroughTheConfigTopicSwitchesAdaptationOn() {
        List<Reading> feed = simulate(9, "e1", 1600, Integer.MAX_VALUE, 0);
        try (StageDriver d = driver(config(0.4, "", ""), "live")) {
            send(d, feed.subList(0, 800));
            double[] before = meanGpsNis(d.estimates.readValuesToList(), 100);
            d.config.pipeInput(ConfigRecords.key(ConfigKind.SENSOR, "gps"), ConfigRecord.newBuilder()
                    .setKind(ConfigKind.SENSOR).setId("gps")
                    .setSettings(SensorSettings.newBuilder()
                            .setMeasurement(MeasurementModelSettings.newBuilder().setType("position").build())
                            .setR(new Matrix(2, 2, List.of(0.4, 0.0, 0.0, 0.4)))
                            .setAdaptation(AdaptationSettings.newBuilder().setType("diagonal").setPriorStrength(10.0)
                                    .setForgetting(0.98).build())
                            .build())
                    .build(), feed.get(799).time());
            send(d, feed.subList(800, feed.size()));
            double[] after = meanGpsNis(d.estimates.readValuesToList(), 400);
            double[] interval = Consistency.averageInterval(2, (int) after[1], 0.95);
            System.out.printf("live switch: mean gps NIS before %.3f, after (skipping 400) %.3f; interval [%.3f, %.3f]%n",
                    before[0], after[0], interval[0], interval[1]);
            assertThat(before[0]).isGreaterThan(interval[1]);
            assertThat(after[0]).isBetween(interval[0], interval[1]);
            assertThat(d.driver.<String, SensorState>getKeyValueStore(BayesfuseTopology.SENSOR_STORE).get("gps").learnedR())
                    .isNotNull();
        }
    }

    @Test
    void theLearnedRAndTheDetectorSurviveARestartFromTheirChangelogs() {
        String yaml = config(0.4, ADAPTIVE + DETECT.formatted("{type: none}"), "");
        BayesfuseConfig config = ConfigLoader.parse(yaml, "test");
        List<Reading> feed = simulate(12, "e1", 400, Integer.MAX_VALUE, 0);
        List<Estimate> uninterrupted;
        SensorState reference;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("reference"))) {
            send(d, feed);
            uninterrupted = d.estimates.readValuesToList();
            reference = d.driver.<String, SensorState>getKeyValueStore(BayesfuseTopology.SENSOR_STORE).get("gps");
        }
        List<Estimate> resumed = new ArrayList<>();
        List<TestRecord<String, byte[]>> sensorLog;
        List<TestRecord<String, byte[]>> entityLog;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("first"))) {
            send(d, feed.subList(0, 500));
            resumed.addAll(d.estimates.readValuesToList());
            sensorLog = d.driver.createOutputTopic(SENSOR_CHANGELOG, Serdes.String().deserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
            entityLog = d.driver.createOutputTopic(ENTITY_CHANGELOG, Serdes.String().deserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
        }
        assertThat(sensorLog).isNotEmpty();
        SensorState halfway = SensorStateSerde.decode(sensorLog.get(sensorLog.size() - 1).value());
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("second"))) {
            // a new instance: both stores rebuilt from the changelogs' bytes, as Kafka Streams restores them
            var sensors = d.driver.<String, SensorState>getKeyValueStore(BayesfuseTopology.SENSOR_STORE);
            for (TestRecord<String, byte[]> r : sensorLog) {
                sensors.put(r.key(), SensorStateSerde.decode(r.value()));
            }
            var entities = d.driver.<String, TrackedEntity>getKeyValueStore(BayesfuseTopology.ENTITY_STORE);
            TrackedEntitySerde serde = new TrackedEntitySerde();
            for (TestRecord<String, byte[]> r : entityLog) {
                entities.put(r.key(), serde.deserializer().deserialize(ENTITY_CHANGELOG, r.value()));
            }
            assertThat(sensors.get("gps").learnedR()).isDeepEqualTo(halfway.learnedR());
            assertThat(halfway.learnedR()[0][0]).as("learned away from the configured 0.4").isGreaterThan(2);
            send(d, feed.subList(500, feed.size()));
            resumed.addAll(d.estimates.readValuesToList());
            SensorState restored = sensors.get("gps");
            assertThat(restored.learnedR()).isDeepEqualTo(reference.learnedR());
            assertThat(restored.changepoint()).isEqualTo(reference.changepoint());
        }
        assertThat(resumed).hasSameSizeAs(uninterrupted);
        assertThat(resumed).extracting(Estimate::getMean).containsExactlyElementsOf(uninterrupted.stream().map(Estimate::getMean).toList());
        assertThat(resumed).extracting(Estimate::getNis).containsExactlyElementsOf(uninterrupted.stream().map(Estimate::getNis).toList());
    }

    @Test
    void replayingTheSameInputGivesByteIdenticalOutputOnEveryTopic() {
        String yaml = config(4, ADAPTIVE + DETECT.formatted("{type: inflate-r}"), "smoothing: {lag: 3}");
        List<Reading> feed = simulate(13, "e1", 400, 200, 6);
        List<List<byte[]>> runs = new ArrayList<>();
        for (String run : List.of("one", "two")) {
            try (StageDriver d = driver(yaml, run)) {
                send(d, feed);
                List<byte[]> bytes = new ArrayList<>();
                for (String topic : List.of(d.topics.estimates(), d.topics.smoothed(), d.topics.changepoints())) {
                    d.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .readValuesToList().forEach(bytes::add);
                }
                runs.add(bytes);
            }
        }
        assertThat(runs.get(0)).as("estimates, smoothed estimates (3 fewer) and at least one changepoint")
                .hasSizeGreaterThan(2 * feed.size() - 3);
        assertThat(runs.get(1)).hasSameSizeAs(runs.get(0));
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertThat(runs.get(1).get(i)).isEqualTo(runs.get(0).get(i));
        }
    }

    static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double sq(double v) {
        return v * v;
    }
}
