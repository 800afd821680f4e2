package io.bayesfuse.it;

import io.bayesfuse.app.run.BayesfuseInstance;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.app.Clients;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.it.exact.Workload;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system end to end as a user runs it: an instance of {@code run} (topology, HTTP API,
 * metrics) against the test environment's broker and registry; Avro measurements and posterior
 * updates produced through the registry; estimates, fused posteriors and dead letters read back
 * with {@code read_committed}; and every number checked against an independent computation in
 * this test: a Kalman filter written here with EJML (not the kernels') over each entity's
 * measurements in time order, and the product of Gaussian posteriors with prior division in
 * closed form. Finally every metric the Grafana dashboard in {@code deploy/} queries is on
 * {@code /metrics}.
 */
class EndToEndIT {

    /** Relative agreement of every number with the independent computation. */
    private static final double TOLERANCE = 1e-9;

    private static final double SPECTRAL_DENSITY = 0.5;
    private static final double[] INITIAL_MEAN = {0, 1, 0, 1};
    private static final double[][] INITIAL_COVARIANCE = {{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}};
    private static final Map<String, Double> SENSOR_VARIANCE = Map.of("gps", 4.0, "tag", 1.0);
    private static final double PRIOR_VARIANCE = 4.0;

    /** Dashboard metrics that exist only once their first event happened. */
    private static final Set<String> EVENT_DRIVEN = Set.of("bayesfuse_filter_changepoints_total", "bayesfuse_filter_smoothed_total");

    private static final Workload WORKLOAD = Workload.of(20261205L, 900, 6, 3);

    private static BayesfuseInstance instance;
    private static TopicNames topics;
    private static TestEnvironment environment;
    private static List<ConsumerRecord<String, Estimate>> estimates;
    private static List<ConsumerRecord<String, FusedPosterior>> fused;
    private static List<ConsumerRecord<String, DeadLetter>> deadLetters;

    @BeforeAll
    static void runTheWorkloadThroughAnInstance() throws Exception {
        environment = TestEnvironments.current();
        String unique = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        BayesfuseConfig config = ConfigLoader.parse("""
                application: {id: %s, topicPrefix: %s., partitions: 3}
                kafka: {bootstrap.servers: "%s", commit.interval.ms: "100"}
                schemaRegistry: {schema.registry.url: "%s"}
                http: {port: 0}
                """.formatted(unique, unique, environment.bootstrapServers(), environment.registryUrl())
                + Workload.CONFIG, "end-to-end test");
        topics = config.application().topicNames();
        AppUnderTest.createTopics(environment, topics, 3);   // kept forever: the workload's event times are from 2023
        instance = BayesfuseInstance.start(config, Map.of(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("e2e-state").toString()), "end to end");
        assertThat(instance.awaitRunning(Duration.ofSeconds(60))).isTrue();

        WORKLOAD.produce(environment.bootstrapServers(), environment.registryUrl(), topics, 0);
        produceTwoBadMeasurements();

        estimates = read(topics.estimates(), Estimate.class, WORKLOAD.measurements);
        fused = read(topics.fused(), FusedPosterior.class, WORKLOAD.posteriorUpdates);
        deadLetters = read(topics.deadLetters(), DeadLetter.class, 2);
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void everyMeasurementHasExactlyOneEstimateEqualToAnIndependentKalmanFilterOverItsEntitysMeasurementsInTimeOrder() {
        assertThat(estimates).as("one committed estimate per measurement, none duplicated").hasSize(WORKLOAD.measurements);
        Map<String, List<Estimate>> byEntity = new LinkedHashMap<>();
        for (ConsumerRecord<String, Estimate> r : estimates) {
            assertThat(r.value().getEntityId()).isEqualTo(r.key());
            byEntity.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        Map<String, List<Measurement>> received = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        int revised = 0;
        for (Workload.Input input : WORKLOAD.inputs) {
            if (!input.measurement()) {
                continue;
            }
            Measurement m = (Measurement) input.value();
            List<Measurement> sofar = received.computeIfAbsent(m.getEntityId(), k -> new ArrayList<>());
            Instant newest = sofar.stream().map(Measurement::getTimestamp).max(Comparator.naturalOrder()).orElse(Instant.MIN);
            sofar.add(m);
            int i = position.merge(m.getEntityId(), 1, Integer::sum) - 1;
            Estimate got = byEntity.get(m.getEntityId()).get(i);
            String where = m.getEntityId() + " estimate " + i;
            assertThat(got.getMeasurementTimestamp()).as(where).isEqualTo(m.getTimestamp());
            assertThat(got.getSensorId()).as(where).isEqualTo(m.getSensorId());
            boolean late = m.getTimestamp().isBefore(newest);
            assertThat(got.getStatus()).as(where).isEqualTo(late ? EstimateStatus.REVISED : EstimateStatus.UPDATED);
            revised += late ? 1 : 0;

            Kalman expected = Kalman.over(sofar);
            assertClose(where + " mean", list(got.getMean()), expected.x.getDDRM().getData());
            assertThat(got.getCovariance().getRows()).isEqualTo(4);
            assertClose(where + " covariance", list(got.getCovariance().getValues()), expected.P.getDDRM().getData());
            if (!late) {
                assertThat(got.getNis()).as(where + " NIS").isNotNull();
                assertClose(where + " NIS", new double[]{got.getNis()}, new double[]{expected.lastNis});
            }
        }
        assertThat(revised).as("late measurements in the workload").isPositive();
    }

    @Test
    void everyPosteriorUpdateHasExactlyOneFusedPosteriorEqualToTheProductWithPriorDivision() {
        assertThat(fused).as("one committed fused posterior per update, none duplicated").hasSize(WORKLOAD.posteriorUpdates);
        Map<String, List<FusedPosterior>> byQuantity = new LinkedHashMap<>();
        fused.forEach(r -> byQuantity.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        Map<String, Map<String, PosteriorUpdate>> newest = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (Workload.Input input : WORKLOAD.inputs) {
            if (!input.posteriorUpdate()) {
                continue;
            }
            PosteriorUpdate u = (PosteriorUpdate) input.value();
            Map<String, PosteriorUpdate> sources = newest.computeIfAbsent(u.getQuantityId(), k -> new LinkedHashMap<>());
            sources.put(u.getSourceId(), u);
            int i = position.merge(u.getQuantityId(), 1, Integer::sum) - 1;
            FusedPosterior got = byQuantity.get(u.getQuantityId()).get(i);
            String where = u.getQuantityId() + " fused " + i;
            assertThat(got.getMethod()).as(where).isEqualTo("product");
            Map<String, Long> versions = new HashMap<>();
            sources.forEach((s, update) -> versions.put(s, update.getVersion()));
            assertThat(got.getSources()).as(where + " sources").isEqualTo(versions);

            // Λ = Σ Λᵢ − (K−1) Λ₀, η = Σ Λᵢ μᵢ − (K−1) Λ₀ μ₀ with μ₀ = 0
            int k = sources.size();
            SimpleMatrix precision = SimpleMatrix.identity(3).scale(-(k - 1) / PRIOR_VARIANCE);
            SimpleMatrix information = new SimpleMatrix(3, 1);
            for (PosteriorUpdate source : sources.values()) {
                io.bayesfuse.avro.GaussianPosterior g = (io.bayesfuse.avro.GaussianPosterior) source.getPosterior();
                SimpleMatrix sigma = matrix(((io.bayesfuse.avro.FullCovariance) g.getCovariance()).getMatrix());
                SimpleMatrix lambda = sigma.invert();
                precision = precision.plus(lambda);
                information = information.plus(lambda.mult(column(list(g.getMean()))));
            }
            SimpleMatrix covariance = precision.invert();
            SimpleMatrix mean = covariance.mult(information);
            Gaussian result = Gaussian.of((io.bayesfuse.avro.GaussianPosterior) got.getPosterior());
            assertClose(where + " mean", result.mean, mean.getDDRM().getData());
            assertClose(where + " covariance", result.covariance, covariance.getDDRM().getData());
        }
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndOriginalBytes() {
        assertThat(deadLetters).hasSize(2);
        Set<DeadLetterReason> reasons = new TreeSet<>();
        for (ConsumerRecord<String, DeadLetter> r : deadLetters) {
            reasons.add(r.value().getReason());
            assertThat(r.value().getSourceTopic()).isEqualTo(topics.measurements());
            assertThat(r.value().getValue()).isNotNull();
        }
        assertThat(reasons).containsExactly(DeadLetterReason.DESERIALIZATION_ERROR, DeadLetterReason.UNKNOWN_SENSOR);
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsServed() throws Exception {
        Path dashboard = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference")).getParent()
                .resolve("deploy/grafana/dashboards/bayesfuse.json");
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("\\b((?:bayesfuse|kafka|jvm|process)_[a-z0-9_]+)").matcher(Files.readString(dashboard));
        while (names.find()) {
            queried.add(names.group(1));
        }
        assertThat(queried).hasSizeGreaterThan(10);
        // registered by the first smoothed estimate or detected change, which this workload (no
        // smoothing, no detector) never makes (DemoDashboardIT checks the smoothed counter on the demo)
        assertThat(queried).contains(EVENT_DRIVEN.toArray(String[]::new));
        queried.removeAll(EVENT_DRIVEN);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(instance.url() + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Set<String> served = new TreeSet<>();
        for (String line : scrape.body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                served.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(served).as("metrics on /metrics").containsAll(queried);
    }

    /** A record the registry cannot decode, and a measurement of a sensor nobody configured. */
    private static void produceTwoBadMeasurements() {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.measurements(), "bad-1", new byte[]{7, 1, 2, 3}));
        }
        io.bayesfuse.schemas.serde.SpecificAvroSerializer<SpecificRecord> values = new io.bayesfuse.schemas.serde.SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers()), new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(topics.measurements(), "bad-2", Measurement.newBuilder().setEntityId("bad-2")
                    .setSensorId("sonar").setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L)).setZ(List.of(1.0, 2.0)).build()));
        }
    }

    /** Reads {@code count} committed records of {@code topic}, then a little longer to catch any extra (duplicated) one. */
    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(String topic, Class<V> type, int count) {
        return Clients.readCommitted(environment.bootstrapServers(), environment.registryUrl(), topic, type, count,
                Duration.ofSeconds(120));
    }

    private static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1.0, Math.max(Math.abs(actual[i]), Math.abs(expected[i])));
            assertThat(Math.abs(actual[i] - expected[i]) / scale)
                    .as("%s[%d]: %s but expected %s", what, i, actual[i], expected[i]).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static double[] list(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static SimpleMatrix column(double[] values) {
        return new SimpleMatrix(values.length, 1, true, values);
    }

    private static SimpleMatrix matrix(io.bayesfuse.avro.Matrix m) {
        return new SimpleMatrix(m.getRows(), m.getCols(), true, list(m.getValues()));
    }

    /** A fused Gaussian, whichever of the three covariance forms it came in. */
    private record Gaussian(double[] mean, double[] covariance) {
        static Gaussian of(io.bayesfuse.avro.GaussianPosterior g) {
            Object form = g.getCovariance();
            if (form instanceof io.bayesfuse.avro.FullCovariance full) {
                return new Gaussian(list(g.getMean()), list(full.getMatrix().getValues()));
            }
            if (form instanceof io.bayesfuse.avro.DiagonalCovariance diagonal) {
                double[] v = list(diagonal.getVariances());
                return new Gaussian(list(g.getMean()), SimpleMatrix.diag(v).getDDRM().getData());
            }
            io.bayesfuse.avro.InformationForm information = (io.bayesfuse.avro.InformationForm) form;
            SimpleMatrix covariance = matrix(information.getPrecision()).invert();
            double[] mean = g.getMean() != null && !g.getMean().isEmpty() ? list(g.getMean())
                    : covariance.mult(column(list(information.getInformation()))).getDDRM().getData();
            return new Gaussian(mean, covariance.getDDRM().getData());
        }
    }

    /**
     * A textbook linear Kalman filter for a 2-axis constant-velocity model (state x, vx, y, vy;
     * continuous white-noise acceleration), position measurements, Joseph-form covariance update,
     * written independently of the kernels.
     */
    private static final class Kalman {
        SimpleMatrix x = column(INITIAL_MEAN.clone());
        SimpleMatrix P = new SimpleMatrix(INITIAL_COVARIANCE);
        double lastNis;

        /** The filter after every measurement of {@code measurements}, in time order from the initial state at the first. */
        static Kalman over(List<Measurement> measurements) {
            List<Measurement> sorted = new ArrayList<>(measurements);
            sorted.sort(Comparator.comparing(Measurement::getTimestamp));
            Kalman kf = new Kalman();
            Instant t = sorted.get(0).getTimestamp();
            for (Measurement m : sorted) {
                kf.predict((m.getTimestamp().toEpochMilli() - t.toEpochMilli()) / 1000.0);
                kf.update(list(m.getZ()), SENSOR_VARIANCE.get(m.getSensorId()));
                t = m.getTimestamp();
            }
            return kf;
        }

        void predict(double dt) {
            if (dt == 0) {
                return;
            }
            SimpleMatrix F = SimpleMatrix.identity(4);
            SimpleMatrix Q = new SimpleMatrix(4, 4);
            for (int axis = 0; axis < 2; axis++) {
                int p = 2 * axis;
                F.set(p, p + 1, dt);
                Q.set(p, p, SPECTRAL_DENSITY * dt * dt * dt / 3);
                Q.set(p, p + 1, SPECTRAL_DENSITY * dt * dt / 2);
                Q.set(p + 1, p, SPECTRAL_DENSITY * dt * dt / 2);
                Q.set(p + 1, p + 1, SPECTRAL_DENSITY * dt);
            }
            x = F.mult(x);
            P = F.mult(P).mult(F.transpose()).plus(Q);
        }

        void update(double[] z, double variance) {
            SimpleMatrix H = new SimpleMatrix(2, 4);
            H.set(0, 0, 1);
            H.set(1, 2, 1);
            SimpleMatrix R = SimpleMatrix.identity(2).scale(variance);
            SimpleMatrix y = column(z).minus(H.mult(x));
            SimpleMatrix S = H.mult(P).mult(H.transpose()).plus(R);
            SimpleMatrix K = P.mult(H.transpose()).mult(S.invert());
            x = x.plus(K.mult(y));
            SimpleMatrix IKH = SimpleMatrix.identity(4).minus(K.mult(H));
            P = IKH.mult(P).mult(IKH.transpose()).plus(K.mult(R).mult(K.transpose()));
            lastNis = y.transpose().mult(S.invert()).mult(y).get(0);
        }
    }
}
