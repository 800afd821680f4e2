package io.bayesfuse.it.exact;

import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded mix of measurements (several entities, two sensors, some arriving out of order within
 * the history window) and posterior updates (several quantities, several sources, rising
 * versions), in one fixed order. Producing it twice in that order into topics with the same
 * partition counts gives the same records at the same offsets, so two runs of the application can
 * be compared record for record.
 * <p>
 * Every record is valid: the filter stage answers each measurement with exactly one estimate and
 * the fusion stage each update with exactly one fused posterior, so the expected output counts
 * are known.
 */
public final class Workload {

    /** The configuration the workload is meant for (filter and fusion stages; no wall-clock behaviour). */
    public static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
              tag: {measurement: {type: position}, R: [[1.0, 0.0], [0.0, 1.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              outOfOrder: {historyMillis: 2000}
            fusion:
              method: product
              prior: {mean: [0, 0, 0], covariance: [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}
            quantities:
              model: {method: fisher}
            """;

    /** The chunked model's parameter count and chunk size: three chunks of about 100 KiB each. */
    static final int MODEL_PARAMETERS = 15_000;
    static final int MODEL_CHUNK_VALUES = 6_000;

    /** Event times start here (2023-11-14): recent enough for any retention, in the past for validation. */
    private static final long T0 = 1_700_000_000_000L;

    /** What an input record is, and so which topic it goes to. */
    public enum Kind { MEASUREMENT, POSTERIOR_UPDATE, POSTERIOR_CHUNK }

    /** One input record. */
    public record Input(Kind kind, String key, SpecificRecord value) {
        public boolean measurement() {
            return kind == Kind.MEASUREMENT;
        }

        public boolean posteriorUpdate() {
            return kind == Kind.POSTERIOR_UPDATE;
        }
    }

    public final List<Input> inputs;
    public final int measurements;
    public final int posteriorUpdates;
    public final int posteriorChunks;

    private Workload(List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
        this.measurements = (int) inputs.stream().filter(Input::measurement).count();
        this.posteriorUpdates = (int) inputs.stream().filter(Input::posteriorUpdate).count();
        this.posteriorChunks = inputs.size() - measurements - posteriorUpdates;
    }

    /**
     * @param measurements how many measurements (over {@code entities} entities)
     * @param quantities   how many quantities, each updated by 4 sources in turn; one update every
     *                     10 measurements
     */
    public static Workload of(long seed, int measurements, int entities, int quantities) {
        return of(seed, measurements, entities, quantities, false);
    }

    /**
     * @param chunkedModel also a model of {@value #MODEL_PARAMETERS} parameters sent as Fisher chunks by
     *                     3 sources in turn, a new version every 150 measurements (its middle chunk
     *                     only, every other time: an update moves only its chunks)
     */
    public static Workload of(long seed, int measurements, int entities, int quantities, boolean chunkedModel) {
        Random random = new Random(seed);
        List<Input> inputs = new ArrayList<>();
        long[] version = new long[quantities * 4];
        int updates = 0;
        Measurement held = null;
        int releaseAt = -1;
        for (int i = 0; i < measurements; i++) {
            String entity = "e" + (i % entities);
            int step = i / entities;
            double x = step * 1.0 + 3 * random.nextGaussian();
            double y = step * 1.0 + 3 * random.nextGaussian();
            String sensor = random.nextInt(3) == 0 ? "tag" : "gps";
            Measurement m = Measurement.newBuilder().setEntityId(entity).setSensorId(sensor)
                    .setTimestamp(Instant.ofEpochMilli(T0 + 1_000L * step + random.nextInt(100)))
                    .setZ(List.of(x, y)).build();
            if (held == null && random.nextInt(25) == 0) {
                held = m;   // arrives just after the entity's next measurement (1 s newer): re-filtered, REVISED
                releaseAt = i + entities;
            } else {
                inputs.add(new Input(Kind.MEASUREMENT, entity, m));
                if (i == releaseAt) {
                    inputs.add(new Input(Kind.MEASUREMENT, held.getEntityId(), held));
                    held = null;
                }
            }
            if (i % 10 == 9) {
                int q = updates % quantities;
                int s = (updates / quantities) % 4;
                updates++;
                inputs.add(new Input(Kind.POSTERIOR_UPDATE, "q" + q, update("q" + q, "learner-" + s, ++version[q * 4 + s], random)));
            }
            if (chunkedModel && i % 150 == 149) {
                int round = i / 150;
                chunks(round, random).forEach(inputs::add);
            }
        }
        if (held != null) {
            inputs.add(new Input(Kind.MEASUREMENT, held.getEntityId(), held));
        }
        return new Workload(inputs);
    }

    /**
     * Measurements only, for eviction and prediction ticks: {@code entities} entities measured once a
     * second of event time for {@code rounds} seconds, in rounds; entity k with k % 4 == 1 falls silent
     * for 6 s from round 10 on, k % 4 == 2 for 12 s from round 20 on, and k % 4 == 3 stops for good 5 s
     * before the end (it lags behind the others when the input stops); about one in 25 measurements of
     * the others arrives after the entity's next one (re-filtered, REVISED).
     */
    public static Workload quietEntities(long seed, int rounds, int entities) {
        Random random = new Random(seed);
        List<Input> inputs = new ArrayList<>();
        Measurement held = null;
        int heldAt = -1;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < entities; k++) {
                boolean silent = switch (k % 4) {
                    case 1 -> round >= 10 && round < 16;
                    case 2 -> round >= 20 && round < 32;
                    case 3 -> round >= rounds - 5;
                    default -> false;
                };
                if (silent) {
                    continue;
                }
                String entity = "e" + k;
                Measurement m = Measurement.newBuilder().setEntityId(entity).setSensorId(random.nextInt(3) == 0 ? "tag" : "gps")
                        .setTimestamp(Instant.ofEpochMilli(T0 + 1_000L * round + random.nextInt(100)))
                        .setZ(List.of(round + 3 * random.nextGaussian(), round + 3 * random.nextGaussian())).build();
                if (held == null && k % 4 == 0 && random.nextInt(25) == 0) {
                    held = m;
                    heldAt = round;
                } else {
                    inputs.add(new Input(Kind.MEASUREMENT, entity, m));
                }
            }
            if (held != null && round > heldAt) {
                inputs.add(new Input(Kind.MEASUREMENT, held.getEntityId(), held));
                held = null;
            }
        }
        if (held != null) {
            inputs.add(new Input(Kind.MEASUREMENT, held.getEntityId(), held));
        }
        return new Workload(inputs);
    }

    /** Round r of the chunked model: source r mod 3 sends version r div 3 + 1, every chunk or only the middle one. */
    private static List<Input> chunks(int round, Random random) {
        double[] theta = new double[MODEL_PARAMETERS];
        double[] fisher = new double[MODEL_PARAMETERS];
        for (int j = 0; j < MODEL_PARAMETERS; j++) {
            theta[j] = random.nextGaussian();
            fisher[j] = random.nextInt(50) == 0 ? 0.0 : random.nextDouble() * 2;
        }
        PosteriorChunks model = PosteriorChunks.fisher("model", "site-" + round % 3, round / 3 + 1, null, theta, fisher,
                MODEL_CHUNK_VALUES);
        List<Input> out = new ArrayList<>();
        for (int c = 0; c < model.count(); c++) {
            if (round < 3 || round % 2 == 0 || c == 1) {
                out.add(new Input(Kind.POSTERIOR_CHUNK, PosteriorChunks.key("model", c), model.chunk(c)));
            }
        }
        return out;
    }

    private static PosteriorUpdate update(String quantity, String source, long version, Random random) {
        List<Double> mean = List.of(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
        double a = 0.5 + random.nextDouble();
        double b = 0.5 + random.nextDouble();
        double c = 0.5 + random.nextDouble();
        double r = 0.2 * (random.nextDouble() - 0.5);
        List<Double> covariance = List.of(a, r, 0.0, r, b, r, 0.0, r, c);
        return PosteriorUpdate.newBuilder().setQuantityId(quantity).setSourceId(source).setVersion(version)
                .setPosterior(new GaussianPosterior(mean, new FullCovariance(new Matrix(3, 3, covariance)))).build();
    }

    /**
     * Produces the workload in its order through the registry, {@code perSecond} records a second
     * (0: as fast as possible).
     */
    public void produce(String bootstrapServers, String registryUrl, TopicNames topics, int perSecond) throws InterruptedException {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), values)) {
            long start = System.nanoTime();
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                String topic = switch (input.kind()) {
                    case MEASUREMENT -> topics.measurements();
                    case POSTERIOR_UPDATE -> topics.posteriorUpdates();
                    case POSTERIOR_CHUNK -> topics.posteriorChunks();
                };
                producer.send(new ProducerRecord<>(topic, input.key(), input.value()));
                if (perSecond > 0) {
                    long due = start + (i + 1) * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        producer.flush();
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            producer.flush();
        }
    }
}
