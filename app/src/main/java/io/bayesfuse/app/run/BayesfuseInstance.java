package io.bayesfuse.app.run;

import io.bayesfuse.app.dashboard.Dashboard;
import io.bayesfuse.app.http.HttpApi;
import io.bayesfuse.app.http.Readiness;
import io.bayesfuse.app.metrics.PrometheusMetrics;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamThreadFailures;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.query.EntityStateReader;
import io.bayesfuse.topology.query.QuantityReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running instance of a deployment: the HTTP server (dashboard, queries, health, metrics),
 * the topics (created when missing), the Kafka Streams topology and the dashboard's feed. Start
 * as many instances with the same {@code application.id} as the work needs; they share the
 * partitions and find each other through their advertised HTTP addresses.
 * <p>
 * A stream thread that dies of an unexpected exception is replaced (bad input never gets that far:
 * it is dead-lettered), unless it died of a record that can never be produced as the settings stand
 * (see {@link StreamThreadFailures}): then the instance stops, and {@link #awaitFailure()} says why. {@link #close()} stops everything in reverse order and waits at most
 * {@link #CLOSE_TIMEOUT} for Kafka Streams (a bare close() can hang when the brokers are gone).
 */
public final class BayesfuseInstance implements AutoCloseable {

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(BayesfuseInstance.class);

    private final PrometheusMetrics metrics;
    private final HttpApi http;
    private final KafkaStreams streams;
    private final Dashboard dashboard;
    private final String url;
    private final StreamThreadFailures failures;
    private final CountDownLatch stopped;
    private final Readiness readiness;

    private BayesfuseInstance(PrometheusMetrics metrics, HttpApi http, KafkaStreams streams, Dashboard dashboard, String url,
                              StreamThreadFailures failures, CountDownLatch stopped, Readiness readiness) {
        this.metrics = metrics;
        this.http = http;
        this.streams = streams;
        this.dashboard = dashboard;
        this.url = url;
        this.failures = failures;
        this.stopped = stopped;
        this.readiness = readiness;
    }

    /**
     * Starts an instance of a validated configuration.
     *
     * @param extraStreamsSettings Kafka Streams settings that win over the configuration's (e.g. a
     *                             state directory of the demo's own)
     * @param title                the dashboard's title
     * @throws io.bayesfuse.topology.config.ConfigException naming the setting when the Kafka settings are wrong
     */
    public static BayesfuseInstance start(BayesfuseConfig config, Map<String, Object> extraStreamsSettings, String title) {
        PrometheusMetrics metrics = new PrometheusMetrics();
        StreamThreadFailures failures = new StreamThreadFailures();
        CountDownLatch stopped = new CountDownLatch(1);
        Readiness readiness = new Readiness();
        HttpApi http = null;
        KafkaStreams streams = null;
        Dashboard dashboard = null;
        try {
            http = HttpApi.start(config.http(), metrics, readiness);
            Map<String, Object> settings = new HashMap<>(StreamsSettings.forInstance(config, http.port()));
            settings.putAll(extraStreamsSettings);
            new BayesfuseTopology(config, StreamsSettings.serdeSettings(settings)).build();   // checks the parts fit first
            try (Admin admin = Admin.create(adminSettings(settings))) {
                TopicProvisioner.ensure(admin, config.application(), config.tracking() != null);
                TopicProvisioner.sizeLimits(admin, config.application(), config.tracking() != null).forEach(settings::putIfAbsent);
            }
            Map<String, Object> serdeSettings = StreamsSettings.serdeSettings(settings);
            Topology topology = new BayesfuseTopology(config, serdeSettings).build();
            Properties properties = new Properties();
            properties.putAll(settings);
            streams = new KafkaStreams(topology, properties);
            streams.setUncaughtExceptionHandler(failures);
            streams.setStateListener((now, before) -> {
                LOG.info("Kafka Streams: {} -> {}", before, now);
                readiness.stateChanged(now);
                if (now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            streams.setGlobalStateRestoreListener(readiness);
            metrics.bind(streams);
            streams.start();
            dashboard = new Dashboard(config, settings, serdeSettings, title).start();
            String advertised = settings.get(StreamsConfig.APPLICATION_SERVER_CONFIG).toString();
            HostInfo self = HostInfo.buildFromEndpoint(advertised);
            http.attach(streams, dashboard, config.filter() == null ? null : new EntityStateReader(config),
                    new QuantityReader(config), self, config);
            String url = "http://" + self.host() + ":" + self.port() + "/";
            return new BayesfuseInstance(metrics, http, streams, dashboard, url, failures, stopped, readiness);
        } catch (RuntimeException e) {
            closeQuietly(dashboard);
            if (streams != null) {
                streams.close(CLOSE_TIMEOUT);
            }
            closeQuietly(http);
            closeQuietly(metrics);
            throw e;
        }
    }

    private static Map<String, Object> adminSettings(Map<String, Object> settings) {
        Map<String, Object> admin = new HashMap<>();
        settings.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        return admin;
    }

    /** The dashboard's address, as other instances reach this one. */
    public String url() {
        return url;
    }

    public int httpPort() {
        return http.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /**
     * Blocks until Kafka Streams has stopped by itself (state ERROR: a failure that restarting a
     * thread cannot cure, see {@link StreamThreadFailures}).
     *
     * @return why it stopped
     */
    public String awaitFailure() throws InterruptedException {
        stopped.await();
        return failures.fatalFailure().orElse("Kafka Streams stopped (ERROR); see the log");
    }

    /** Whether this instance is up and whether it processes ({@code /health/live}, {@code /health/ready}). */
    public Readiness readiness() {
        return readiness;
    }

    /**
     * Waits until the instance processes records: Kafka Streams RUNNING and no store being restored.
     *
     * @return false when it did not within the timeout, or Kafka Streams stopped first
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        try {
            readiness.firstReady().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /**
     * Waits until Kafka Streams runs.
     *
     * @return false when it did not within the timeout (or failed)
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        closeQuietly(dashboard);
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
        }
        closeQuietly(http);
        closeQuietly(metrics);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("error while stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
