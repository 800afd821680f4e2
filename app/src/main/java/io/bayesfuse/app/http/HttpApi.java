package io.bayesfuse.app.http;

import io.bayesfuse.app.dashboard.Dashboard;
import io.bayesfuse.app.metrics.PrometheusMetrics;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.HttpConfig;
import io.bayesfuse.topology.fusion.StoredQuantity;
import io.bayesfuse.topology.learning.ModelReader;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import io.bayesfuse.topology.query.EntityStateReader;
import io.bayesfuse.topology.query.ChunkReader;
import io.bayesfuse.topology.query.QuantityReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one instance:
 * <pre>
 * GET /                      the live dashboard (static page, no external assets)
 * GET /api/dashboard         the dashboard's starting point (recent past, sensors, NIS bounds)
 * GET /api/stream            the dashboard's live events (server-sent events, a batch every 250 ms)
 * GET /api/entities          every entity's current state, merged from every instance (?local=true: this one's)
 * GET /api/entities/{id}     one entity's mean, covariance, position and 2-sigma ellipse (forwarded to its owner;
 *                            a standby replica's copy, marked stale, when the owner does not answer)
 * GET /api/quantities/{id}   one quantity's current fused posterior from the quantity store (forwarded like entities);
 *                            for a chunked quantity, its chunks gathered from every instance and whether they are consistent
 * GET /api/quantities/{id}/chunks[/{index}]   a chunked quantity's chunks; one chunk's fused slice (from its owner)
 * GET /api/models/{id}      an online learner's posterior summary: mean, marginal sds, noise, version (from the
 *                            instance that owns the model's partition; others forward)
 * POST /api/models/{id}/predict   the predictive distribution for {"features": [..]} (or sparse "indices" and
 *                            "values"): mean, variance and intervals, or class probabilities (from the owner)
 * GET /api/sensors           every sensor's settings, newest learned R, changes detected (gathered from every
 *                            partition's sensor state on every instance; ?local=true: this instance's states)
 * GET /health/live           200 while the process is up and Kafka Streams has not stopped or failed (liveness)
 * GET /health/ready          200 once records are processed: Kafka Streams RUNNING, no store being restored
 *                            (readiness); 503 while starting, rebalancing or restoring
 * GET /health                200 while Kafka Streams runs or rebalances, 503 otherwise (a liveness check kept
 *                            for compatibility)
 * GET /metrics               Prometheus text: the application's meters, Kafka Streams' and the JVM's
 * </pre>
 * It starts before Kafka Streams (whose {@code application.server} must name its port) and answers
 * 503 to queries until {@link #attach} hands it the running parts.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON = "application/json";

    private final Javalin server;
    private final PrometheusMetrics metrics;
    private final Readiness readiness;
    private volatile KafkaStreams streams;
    private volatile Dashboard dashboard;
    private volatile EntityQueries entities;
    private volatile SensorQueries sensors;
    private volatile KeyQueries<StoredQuantity> quantities;
    private volatile ChunkQueries chunks;
    private volatile ModelQueries models;
    private volatile boolean fuses;

    private HttpApi(HttpConfig config, PrometheusMetrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.server = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.hostOrDefault();
            c.jetty.port = config.portOrDefault();
            c.staticFiles.add("/dashboard", Location.CLASSPATH);
            c.routes.get("/api/dashboard", this::dashboardSnapshot);
            c.routes.sse("/api/stream", client -> {
                Dashboard d = dashboard;
                if (d == null) {
                    client.close();
                } else {
                    d.join(client);
                }
            });
            c.routes.get("/api/entities", ctx -> answer(ctx, entities == null ? noEntities()
                    : entities.all("true".equals(ctx.queryParam("local")))));
            c.routes.get("/api/entities/{id}", ctx -> answer(ctx, entities == null ? noEntities()
                    : entities.one(ctx.pathParam("id"), ctx.header(Forwarder.HEADER) != null,
                    "true".equals(ctx.queryParam("stale")))));
            c.routes.get("/api/quantities/{id}", this::quantity);
            c.routes.get("/api/quantities/{id}/chunks", ctx -> answer(ctx, chunks == null ? starting()
                    : chunks.quantity(ctx.pathParam("id"), "true".equals(ctx.queryParam("local")))));
            c.routes.get("/api/quantities/{id}/chunks/{index}", ctx -> answer(ctx, chunks == null ? starting()
                    : chunks.chunk(ctx.pathParam("id"), chunkIndex(ctx.pathParam("index")), ctx.header(Forwarder.HEADER) != null)));
            c.routes.get("/api/models/{id}", ctx -> answer(ctx, models == null ? noModels()
                    : models.summary(ctx.pathParam("id"), ctx.header(Forwarder.HEADER) != null)));
            c.routes.post("/api/models/{id}/predict", ctx -> answer(ctx, models == null ? noModels()
                    : models.predict(ctx.pathParam("id"), ctx.body(), ctx.header(Forwarder.HEADER) != null)));
            c.routes.get("/api/sensors", ctx -> answer(ctx, sensors == null ? noEntities()
                    : sensors.all("true".equals(ctx.queryParam("local")))));
            c.routes.get("/health", this::health);
            c.routes.get("/health/live", this::live);
            c.routes.get("/health/ready", this::ready);
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
                answer(ctx, Answer.error(500, e.toString()));
            });
        });
    }

    /**
     * Starts listening on {@code config}'s host and port (port 0: a free one).
     *
     * @param readiness what {@code /health/live} and {@code /health/ready} answer from
     * @throws IllegalStateException naming the address when it cannot listen there
     */
    public static HttpApi start(HttpConfig config, PrometheusMetrics metrics, Readiness readiness) {
        HttpApi api = new HttpApi(config, metrics, readiness);
        try {
            api.server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the HTTP server cannot listen on " + config.hostOrDefault() + ":"
                    + config.portOrDefault() + " (http.host, http.port): " + e.getMessage(), e);
        }
        return api;
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** Hands over the running parts; queries and the dashboard answer from now on. */
    public void attach(KafkaStreams kafkaStreams, Dashboard liveDashboard, EntityStateReader reader,
                       QuantityReader quantityReader, HostInfo self, BayesfuseConfig config) {
        Forwarder forwarder = new Forwarder();
        this.streams = kafkaStreams;
        this.dashboard = liveDashboard;
        this.fuses = quantityReader.fuses();
        this.quantities = new KeyQueries<>(kafkaStreams, BayesfuseTopology.QUANTITY_STORE, "quantity", "/api/quantities/",
                (id, stored) -> {
                    var fused = quantityReader.read(id, stored, localSources(kafkaStreams));
                    return fused == null ? null : QuantityJson.of(fused, QUANTITY_LIMIT);
                }, self, forwarder);
        this.chunks = new ChunkQueries(kafkaStreams, new ChunkReader(config), self, forwarder, QUANTITY_LIMIT);
        this.entities = reader == null ? null : new EntityQueries(kafkaStreams, reader, self, forwarder);
        this.sensors = config.filter() == null ? null : new SensorQueries(kafkaStreams, config, self, forwarder);
        this.models = config.hasLearning() ? new ModelQueries(kafkaStreams, new ModelReader(config), self, forwarder) : null;
    }

    /**
     * This instance's copies of the quantities' source records (active and standby: the header that
     * led here was read from one of them, and both hold the same partition's records).
     */
    private static ReadOnlyKeyValueStore<String, byte[]> localSources(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType(BayesfuseTopology.QUANTITY_SOURCE_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()).enableStaleStores());
    }

    /** Components of a fused posterior a query shows at most (a large model's parameter vector is cut). */
    static final int QUANTITY_LIMIT = 1000;

    private void quantity(Context ctx) {
        KeyQueries<StoredQuantity> q = quantities;
        if (q == null) {
            answer(ctx, starting());
        } else if (!fuses) {
            answer(ctx, Answer.error(404, "this deployment fuses no posteriors (no fusion or quantities settings)"));
        } else {
            Answer whole = q.one(ctx.pathParam("id"), ctx.header(Forwarder.HEADER) != null, "true".equals(ctx.queryParam("stale")));
            // a chunked quantity has no whole record: its chunks answer
            answer(ctx, whole.status() == 404 && chunks != null ? chunks.quantity(ctx.pathParam("id"), false) : whole);
        }
    }

    private static int chunkIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void dashboardSnapshot(Context ctx) {
        Dashboard d = dashboard;
        if (d == null) {
            answer(ctx, starting());
            return;
        }
        ctx.contentType(JSON).result(d.snapshot().toString());
    }

    private void health(Context ctx) {
        KafkaStreams s = streams;
        KafkaStreams.State state = s == null ? null : s.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        answer(ctx, new Answer(up ? 200 : 503, Json.object().put("status", up ? "UP" : "DOWN")
                .put("kafkaStreams", state == null ? "NOT_STARTED" : state.name()).toString()));
    }

    private void live(Context ctx) {
        boolean up = readiness.live();
        answer(ctx, new Answer(up ? 200 : 503, Json.object().put("status", up ? "UP" : "DOWN")
                .put("kafkaStreams", stateName()).toString()));
    }

    private void ready(Context ctx) {
        boolean ready = readiness.ready();
        var body = Json.object().put("status", ready ? "READY" : "NOT_READY").put("kafkaStreams", stateName());
        var restoring = body.putArray("restoring");
        for (Readiness.Restoring r : readiness.restoring()) {
            restoring.addObject().put("store", r.store()).put("changelog", r.changelog().toString())
                    .put("restored", r.restored()).put("total", r.total());
        }
        answer(ctx, new Answer(ready ? 200 : 503, body.toString()));
    }

    private String stateName() {
        KafkaStreams.State state = readiness.state();
        return state == null ? "NOT_STARTED" : state.name();
    }

    private Answer noEntities() {
        return streams == null ? starting()
                : Answer.error(404, "this deployment filters no entities (no filter settings)");
    }

    private Answer noModels() {
        return streams == null ? starting()
                : Answer.error(404, "this deployment learns no models (no models settings)");
    }

    private static Answer starting() {
        return Answer.error(503, "the instance is starting; try again");
    }

    private static void answer(Context ctx, Answer answer) {
        ctx.status(answer.status()).contentType(JSON).result(answer.json());
    }

    @Override
    public void close() {
        server.stop();
    }
}
