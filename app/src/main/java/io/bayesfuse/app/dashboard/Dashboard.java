package io.bayesfuse.app.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.topology.metrics.LearningCurves;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.SensorConfig;
import io.bayesfuse.topology.query.MeasurementProjection;
import io.bayesfuse.topology.query.NisBounds;
import io.javalin.http.sse.SseClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's server side for one instance: the feed from Kafka, the recent past, the open
 * pages' streams, and the truth channel of an in-process simulator.
 */
public final class Dashboard implements TruthChannel, AutoCloseable {

    private final BayesfuseConfig config;
    private final String title;
    private final DashboardEvents events;
    private final DashboardState state = new DashboardState();
    private final EventHub hub = new EventHub();
    private final DashboardFeed feed;
    private final ScoreBoard scores = new ScoreBoard();
    private final java.util.concurrent.ScheduledExecutorService ticker =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bayesfuse-dashboard-scores");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param config        the deployment's configuration (sensors, motion models, topic names)
     * @param kafkaSettings Kafka client settings (connection, security); others are ignored
     * @param serdeSettings the Avro serdes' settings
     * @param title         shown in the page's header (e.g. "demo" or the application id)
     */
    public Dashboard(BayesfuseConfig config, Map<String, ?> kafkaSettings, Map<String, ?> serdeSettings, String title) {
        this.config = config;
        this.title = title;
        this.events = new DashboardEvents(config);
        Map<String, Object> consumerSettings = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaSettings.forEach((key, value) -> {
            if (known.contains(key)) {
                consumerSettings.put(key, value);
            }
        });
        this.feed = new DashboardFeed(consumerSettings, serdeSettings, config.application().topicNames(), events, this::accept,
                config.tracking() != null, scores);
    }

    /** Starts reading from Kafka, and publishing the scores every second. */
    public Dashboard start() {
        feed.start();
        if (config.tracking() != null) {
            ticker.scheduleAtFixedRate(() -> accept(scores.event(System.currentTimeMillis())), 1, 1,
                    java.util.concurrent.TimeUnit.SECONDS);
        }
        if (config.hasLearning()) {
            ticker.scheduleAtFixedRate(() -> accept(learningCurves()), 1, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
        return this;
    }

    /**
     * The learning curves of the learners in this process (the models whose partitions this instance
     * owns), one point per mini-batch: the batch's mean log predictive density and its 95% interval
     * coverage (regression) or accuracy (classification), each scored before the batch was learned.
     */
    private ObjectNode learningCurves() {
        ObjectNode event = DashboardEvents.JSON.createObjectNode().put("type", "learning");
        ObjectNode models = event.putObject("models");
        LearningCurves.of(config.application().idOrDefault()).forEach((model, points) -> {
            ArrayNode curve = models.putArray(model);
            for (LearningCurves.Point p : points) {
                ObjectNode point = curve.addObject().put("n", p.examples()).put("t", p.time());
                number(point, "logPredictive", p.meanLogPredictive());
                number(point, "coverage95", p.coverage95());
                number(point, "accuracy", p.accuracy());
            }
        });
        return event;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        }
    }

    /** A page's event stream. */
    public void join(SseClient client) {
        hub.join(client);
    }

    /** The page's starting point: the static description (sensors, NIS bounds) and the recent past. */
    public ObjectNode snapshot() {
        ObjectNode root = state.snapshot();
        root.put("title", title).put("application", config.application().idOrDefault()).put("now", System.currentTimeMillis());
        ArrayNode sensors = root.putArray("sensors");
        MeasurementProjection projection = new MeasurementProjection(config);
        for (NisBounds b : NisBounds.of(config).values()) {
            ObjectNode sensor = sensors.addObject().put("id", b.sensorId())
                    .put("type", config.sensors().get(b.sensorId()).measurement().type())
                    .put("dof", b.dof()).put("probability", b.probability()).put("lower", b.lower()).put("upper", b.upper())
                    .put("window", b.window()).put("averageLower", b.averageLower()).put("averageUpper", b.averageUpper());
            if (Double.isFinite(b.gate())) {
                sensor.put("gate", b.gate());
            }
            if (tracksOnly(b.sensorId())) {
                sensor.put("tracking", true);
            }
            SensorConfig configured = config.sensors().get(b.sensorId());
            if (configured.adaptation() != null && configured.adaptation().enabled()) {
                sensor.put("adaptation", configured.adaptation().type());
            }
            if (configured.changepoint() != null && configured.changepoint().on()) {
                sensor.put("changepoint", configured.changepoint().actionOrDefault().type());
            }
            double[] origin = projection.origin(b.sensorId());
            if (origin != null) {
                sensor.putArray("origin").add(origin[0]).add(origin[1]);
            }
        }
        return root;
    }

    /**
     * Whether a sensor's data goes to the tracking stage only: its detections carry no entity id, so no
     * estimate names it with a NIS and the page draws no NIS chart for it (its tracks are scored by GOSPA
     * instead). That is every sensor of a deployment without a filter, else the sensors the tracking
     * section lists by name.
     */
    private boolean tracksOnly(String sensorId) {
        if (config.tracking() == null) {
            return false;
        }
        return config.filter() == null
                || (config.tracking().sensors() != null && config.tracking().sensors().containsKey(sensorId));
    }

    /** Estimates seen since start (for tests and logs). */
    public long estimatesSeen() {
        return state.estimates();
    }

    /** Quantities with a fused posterior seen. */
    public int fusedQuantitiesSeen() {
        return state.fusedQuantities();
    }

    public int openPages() {
        return hub.clients();
    }

    @Override
    public void entity(String entityId, long time, double x, double y) {
        accept(events.truth(entityId, time, x, y));
    }

    @Override
    public void quantity(String quantityId, double[] weights) {
        accept(events.quantityTruth(quantityId, weights));
    }

    private void accept(ObjectNode event) {
        state.apply(event);
        hub.publish(event);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        feed.close();
        hub.close();
    }
}
