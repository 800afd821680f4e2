package io.bayesfuse.topology.tracks;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.random.SplitMix64;
import io.bayesfuse.kernels.stats.Consistency;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.testsupport.LinearGaussianSimulation;
import io.bayesfuse.testsupport.NearlyConstantVelocity;
import io.bayesfuse.testsupport.PlainMatrix;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Track-to-track fusion of two filter deployments: two sites with their own application ids and
 * sensors track the same simulated targets, and a fusion deployment fuses their estimate topics.
 */
class TrackFusionTest {

    private static final Logger log = LoggerFactory.getLogger(TrackFusionTest.class);

    private static final String MOTION = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            """;
    private static final String FILTER = """
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
            """;
    /** Site A sees the first axis well and the second poorly; site B the other way round. */
    private static final String SITE_A = """
            application: {id: site-a, site: site-a, topics: {estimates: site-a.estimates}}
            sensors:
              lidar-a: {measurement: {type: position}, R: [[0.25, 0], [0, 25]]}
            """ + MOTION + FILTER;
    private static final String SITE_B = """
            application: {id: site-b, site: site-b, topics: {estimates: site-b.estimates}}
            sensors:
              lidar-b: {measurement: {type: position}, R: [[25, 0], [0, 0.25]]}
            """ + MOTION + FILTER;
    private static final String CENTER = """
            application: {id: center}
            fusion: {method: covariance-intersection, motionModel: cv}
            tracks: {estimateTopics: [site-a.estimates, site-b.estimates]}
            """ + MOTION;

    private static final int TARGETS = 60;
    private static final int HALF_SECONDS = 40;
    /** Estimates before this time are left out of the error statistics (the filters start from a broad prior). */
    private static final long SETTLED_FROM = 6_000;

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

    @Test
    void estimatesOfTheConfiguredTopicsBecomePosteriorUpdatesOfTheirEntitysTrack() {
        try (StageDriver center = new StageDriver(ConfigLoader.parse(CENTER, "center"), registry.url(), stateDir)) {
            TestInputTopic<String, Estimate> siteA = center.input("site-a.estimates", Estimate.class);
            siteA.pipeInput("t1", estimate("t1", "site-a", 1_000, EstimateStatus.UPDATED), 1_000);
            siteA.pipeInput("t1", estimate("t1", "site-a", 1_000, EstimateStatus.REVISED), 1_050);
            siteA.pipeInput("t1", estimate("t1", "site-a", 900, EstimateStatus.SMOOTHED), 1_060);
            siteA.pipeInput("t1", estimate("t1", null, 1_100, EstimateStatus.PREDICTED), 1_100);

            List<PosteriorUpdate> published = center.output(center.topics.posteriorUpdates(), PosteriorUpdate.class).readValuesToList();
            assertThat(published).extracting(PosteriorUpdate::getQuantityId).containsOnly("t1");
            assertThat(published).extracting(PosteriorUpdate::getSourceId)
                    .as("the site, else the topic").containsExactly("site-a", "site-a", "site-a.estimates");
            assertThat(published).extracting(PosteriorUpdate::getVersion).as("offsets: a revision supersedes")
                    .containsExactly(0L, 1L, 3L);
            assertThat(published.get(0).getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000));
            GaussianPosterior posterior = (GaussianPosterior) published.get(0).getPosterior();
            assertThat(posterior.getMean()).containsExactly(1.0, 0.5, -1.0, 0.25);

            List<FusedPosterior> fused = center.fused.readValuesToList();
            assertThat(fused).as("each published update is fused").hasSize(3);
            assertThat(fused.get(2).getSources()).isEqualTo(Map.of("site-a", 1L, "site-a.estimates", 3L));
            assertThat(fused.get(2).getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_100));
        }
    }

    private static Estimate estimate(String entity, String site, long time, EstimateStatus status) {
        return Estimate.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(time)).setStatus(status)
                .setFilterType("kf").setMotionModel("cv").setSite(site)
                .setMean(List.of(1.0, 0.5, -1.0, 0.25))
                .setCovariance(new Matrix(4, 4, List.of(1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)))
                .build();
    }

    /** Truth of every target at every half second, and the sites' measurements. */
    private record Scenario(Map<String, Map<Long, double[]>> truth, List<Measurement> siteA, List<Measurement> siteB) {
    }

    private static Scenario simulate() {
        LinearGaussianSimulation sim = new LinearGaussianSimulation(new SplitMix64(20_260_601L)::nextGaussian);
        double q = 0.5;
        Map<String, Map<Long, double[]>> truth = new HashMap<>();
        List<Measurement> a = new ArrayList<>();
        List<Measurement> b = new ArrayList<>();
        for (int target = 0; target < TARGETS; target++) {
            String id = "target-" + target;
            Map<Long, double[]> states = new HashMap<>();
            double[] x = sim.drawIndependent(new double[]{0, 1, 0, 1}, new double[]{25, 4, 25, 4});
            for (int k = 0; k < HALF_SECONDS; k++) {
                long t = 1_000 + 500L * k;
                if (k > 0) {
                    x = sim.step(NearlyConstantVelocity.transition(0.5), NearlyConstantVelocity.processNoise(0.5, q), x);
                }
                states.put(t, x);
                // site A measures on the whole seconds, site B half a second later
                if (k % 2 == 0) {
                    a.add(position(id, "lidar-a", t, sim.measure(NearlyConstantVelocity.POSITION, x, PlainMatrix.diagonal(0.25, 25))));
                } else {
                    b.add(position(id, "lidar-b", t, sim.measure(NearlyConstantVelocity.POSITION, x, PlainMatrix.diagonal(25, 0.25))));
                }
            }
            truth.put(id, states);
        }
        return new Scenario(truth, a, b);
    }

    private static Measurement position(String entity, String sensor, long time, double[] z) {
        return Measurement.newBuilder().setEntityId(entity).setSensorId(sensor).setTimestamp(Instant.ofEpochMilli(time))
                .setZ(List.of(z[0], z[1])).build();
    }

    private List<TestRecord<String, Estimate>> filter(String yaml, String name, List<Measurement> measurements) {
        try (StageDriver site = new StageDriver(ConfigLoader.parse(yaml, name), registry.url(), stateDir.resolve(name))) {
            for (Measurement m : measurements) {
                site.measurements.pipeInput(m.getEntityId(), m, m.getTimestamp().toEpochMilli());
            }
            assertThat(site.deadLetters.readValuesToList()).isEmpty();
            return site.estimates.readRecordsToList();
        }
    }

    /** Errors of a set of estimates against the truth: NEES averaged per time over the targets, and squared position errors. */
    private static final class Errors {
        final Map<Long, double[]> neesByTime = new HashMap<>();   // {sum, count}
        double squaredPositionError;
        int count;

        void add(double[] truth, double[] x, double[][] P, long time) {
            if (time < SETTLED_FROM) {
                return;
            }
            double nees = Consistency.nees(truth, Matrices.column(x), Matrices.of(P));
            double[] perTime = neesByTime.computeIfAbsent(time, t -> new double[2]);
            perTime[0] += nees;
            perTime[1]++;
            squaredPositionError += (truth[0] - x[0]) * (truth[0] - x[0]) + (truth[2] - x[2]) * (truth[2] - x[2]);
            count++;
        }

        double rmsPositionError() {
            return Math.sqrt(squaredPositionError / count);
        }

        /** The time average of the target-averaged NEES. */
        double averageNees() {
            return neesByTime.values().stream().mapToDouble(s -> s[0] / s[1]).average().orElseThrow();
        }
    }

    /**
     * Sites A and B filter their own sensors (A sees the first axis well, B the second, half a second
     * apart); the fusion deployment predicts the older estimate to the newer one's time and fuses the
     * two by covariance intersection. Each site alone is consistent: its time-averaged NEES lies in the
     * two-sided 95% χ² interval (Bar-Shalom et al. 2001, §5.4). The fused track is consistent in the
     * sense covariance intersection guarantees — never overconfident, whatever the sites' unknown error
     * correlation (they share the target's random acceleration): its NEES stays below the interval's
     * upper end. It is conservative by construction, not by accident: one weight ω for the whole
     * matrix, here about ½ for sites of complementary accuracy, makes P about twice the error
     * covariance in each site's good direction, so its NEES is expected near half of χ²₄'s mean and is
     * checked to lie above half the interval's lower end. Its position error is far below either site's.
     */
    @Test
    void twoSitesTracksFusedByCovarianceIntersectionAreConsistentAndMoreAccurateThanEitherSite() {
        Scenario scenario = simulate();
        List<TestRecord<String, Estimate>> estimatesA = filter(SITE_A, "site-a", scenario.siteA());
        List<TestRecord<String, Estimate>> estimatesB = filter(SITE_B, "site-b", scenario.siteB());

        List<FusedPosterior> fused;
        try (StageDriver center = new StageDriver(ConfigLoader.parse(CENTER, "center"), registry.url(), stateDir.resolve("center"))) {
            TestInputTopic<String, Estimate> topicA = center.input("site-a.estimates", Estimate.class);
            TestInputTopic<String, Estimate> topicB = center.input("site-b.estimates", Estimate.class);
            List<TestRecord<String, Estimate>> all = new ArrayList<>(estimatesA);
            all.addAll(estimatesB);
            all.sort(Comparator.comparing(r -> r.value().getTimestamp()));
            for (TestRecord<String, Estimate> r : all) {
                (r.value().getSite().equals("site-a") ? topicA : topicB).pipeInput(r.key(), r.value(), r.value().getTimestamp());
            }
            assertThat(center.deadLetters.readValuesToList()).isEmpty();
            fused = center.fused.readValuesToList();
        }

        Errors siteA = new Errors();
        Errors siteB = new Errors();
        Errors center = new Errors();
        for (TestRecord<String, Estimate> r : estimatesA) {
            add(siteA, scenario, r.value().getEntityId(), r.value().getTimestamp(), r.value().getMean(), r.value().getCovariance());
        }
        for (TestRecord<String, Estimate> r : estimatesB) {
            add(siteB, scenario, r.value().getEntityId(), r.value().getTimestamp(), r.value().getMean(), r.value().getCovariance());
        }
        for (FusedPosterior f : fused) {
            if (f.getSources().size() == 2) {
                GaussianPosterior g = (GaussianPosterior) f.getPosterior();
                add(center, scenario, f.getQuantityId(), f.getTimestamp(), g.getMean(), ((FullCovariance) g.getCovariance()).getMatrix());
            }
        }

        double[] interval = Consistency.averageInterval(4, TARGETS, 0.95);
        log.info("RMS position error: site A {}, site B {}, fused {}; average NEES: site A {}, site B {}, fused {} (95% interval {})",
                siteA.rmsPositionError(), siteB.rmsPositionError(), center.rmsPositionError(),
                siteA.averageNees(), siteB.averageNees(), center.averageNees(), java.util.Arrays.toString(interval));
        assertThat(center.count).as("fused estimates of both sites").isGreaterThan(TARGETS * (HALF_SECONDS - 12));
        assertThat(siteA.averageNees()).as("site A is consistent").isBetween(interval[0], interval[1]);
        assertThat(siteB.averageNees()).as("site B is consistent").isBetween(interval[0], interval[1]);
        assertThat(center.averageNees()).as("the fused track is never overconfident").isLessThan(interval[1]);
        assertThat(center.averageNees()).as("the fused track is conservative by CI's factor of about two, no more")
                .isGreaterThan(interval[0] / 2);
        assertThat(center.rmsPositionError()).as("fused better than site A").isLessThan(siteA.rmsPositionError());
        assertThat(center.rmsPositionError()).as("fused better than site B").isLessThan(siteB.rmsPositionError());
    }

    private static void add(Errors errors, Scenario scenario, String entity, Instant time, List<Double> mean, Matrix covariance) {
        double[] truth = scenario.truth().get(entity).get(time.toEpochMilli());
        double[] x = mean.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] P = new double[covariance.getRows()][covariance.getCols()];
        for (int i = 0; i < P.length; i++) {
            for (int j = 0; j < P[i].length; j++) {
                P[i][j] = covariance.getValues().get(i * covariance.getCols() + j);
            }
        }
        errors.add(truth, x, P, time.toEpochMilli());
    }
}
