package io.bayesfuse.app.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.dashboard.TruthChannel;
import io.bayesfuse.kernels.simulation.RegressionProblem;
import io.bayesfuse.kernels.simulation.Simulation;
import io.bayesfuse.kernels.simulation.SimulationEvent;
import io.bayesfuse.kernels.simulation.TargetState;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Produces a {@link Simulation}'s events to Kafka in delivery order: readings to the measurements
 * topic (key: entity id), learners' posteriors to posterior-updates (key: quantity id), labelled
 * examples to examples (key: model id). Paced, an
 * event is sent when the wall clock reaches the run's start plus its delivery time; unpaced, as
 * fast as the producer takes them. Record timestamps are {@code startEpochMillis} plus the
 * simulation's times, so with a fixed start and seed two runs produce the same records.
 */
public final class SimulationRunner {

    /** A reading delivered this much later than taken counts as delayed. */
    static final long DELAYED_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Simulation simulation;
    private final long startEpochMillis;
    private final boolean paced;
    private final Producer<String, SpecificRecord> producer;
    private final TopicNames topics;
    private final TruthChannel truth;
    private final Writer truthFile;
    private final boolean publishTruth;
    private final SimulationCounts counts = new SimulationCounts();
    private volatile long simulatedMillis;

    /**
     * @param truthFile where to write the truth as JSON lines, or null
     */
    public SimulationRunner(Simulation simulation, long startEpochMillis, boolean paced, Producer<String, SpecificRecord> producer,
                            TopicNames topics, TruthChannel truth, Writer truthFile) {
        this(simulation, startEpochMillis, paced, producer, topics, truth, truthFile, false);
    }

    /**
     * @param publishTruth also publish the truth on the truth topic: each region's targets at every scan
     *                     (key: region) and each entity's state at every reading (key: entity id), so the
     *                     application can score its tracks and estimates
     */
    public SimulationRunner(Simulation simulation, long startEpochMillis, boolean paced, Producer<String, SpecificRecord> producer,
                            TopicNames topics, TruthChannel truth, Writer truthFile, boolean publishTruth) {
        this.publishTruth = publishTruth;
        this.simulation = simulation;
        this.startEpochMillis = startEpochMillis;
        this.paced = paced;
        this.producer = producer;
        this.topics = topics;
        this.truth = truth;
        this.truthFile = truthFile;
    }

    public SimulationCounts counts() {
        return counts;
    }

    /** The simulation time reached (ms since start). */
    public long simulatedMillis() {
        return simulatedMillis;
    }

    /**
     * Runs until the simulation ends or {@code keepGoing} says stop; flushes the producer.
     *
     * @throws InterruptedException when interrupted while pacing
     */
    public void run(BooleanSupplier keepGoing) throws InterruptedException {
        long wallStart = System.currentTimeMillis();
        for (RegressionProblem problem : simulation.scenario().problems()) {
            truth.quantity(problem.quantityId(), problem.weights());
            writeTruth(Map.of("quantityId", problem.quantityId(), "weights", problem.weights()));
        }
        while (keepGoing.getAsBoolean() && simulation.hasNext()) {
            long due = simulation.peekDeliveryTime();
            if (paced) {
                long wait = wallStart + due - System.currentTimeMillis();
                if (wait > 0) {
                    producer.flush();
                    Thread.sleep(Math.min(wait, 200));
                    continue;   // look at keepGoing again at least every 200 ms
                }
            }
            SimulationEvent event = simulation.next();
            simulatedMillis = event.deliveryTime();
            if (event instanceof SimulationEvent.Reading r) {
                producer.send(new ProducerRecord<>(topics.measurements(), null, startEpochMillis + r.reading().time(),
                        r.reading().entityId(), SimulationRecords.measurement(r.reading(), startEpochMillis)));
                counts.measurement(r.reading().kind(), r.deliveryTime() - r.reading().time() >= DELAYED_MILLIS);
                if (publishTruth) {
                    long time = startEpochMillis + r.reading().time();
                    producer.send(new ProducerRecord<>(topics.truth(), null, time, r.reading().entityId(),
                            SimulationRecords.entityTruth(r.reading().entityId(), r.truth(), startEpochMillis)));
                }
            } else if (event instanceof SimulationEvent.Scan scan) {
                long time = startEpochMillis + scan.time();
                producer.send(new ProducerRecord<>(topics.detections(), null, time, scan.region(),
                        SimulationRecords.detectionScan(scan, startEpochMillis)));
                counts.scan(scan.detections().size());
                if (publishTruth) {
                    producer.send(new ProducerRecord<>(topics.truth(), null, time, scan.region(),
                            SimulationRecords.regionTruth(scan, startEpochMillis)));
                }
            } else if (event instanceof SimulationEvent.Posterior p) {
                producer.send(new ProducerRecord<>(topics.posteriorUpdates(), null, startEpochMillis + p.posterior().time(),
                        p.posterior().quantityId(), SimulationRecords.posteriorUpdate(p.posterior(), startEpochMillis)));
                counts.posteriorUpdate();
            } else if (event instanceof SimulationEvent.LabelledDraw draw) {
                producer.send(new ProducerRecord<>(topics.examples(), null, startEpochMillis + draw.example().time(),
                        draw.example().modelId(), SimulationRecords.example(draw.example(), startEpochMillis)));
                counts.example();
            } else if (event instanceof SimulationEvent.Truth t) {
                TargetState s = t.state();
                truth.entity(t.entityId(), startEpochMillis + s.time(), s.x(), s.y());
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("entityId", t.entityId());
                line.put("timestamp", startEpochMillis + s.time());
                line.put("x", s.constantVelocityVector());
                writeTruth(line);
            }
        }
        producer.flush();
        if (truthFile != null) {
            try {
                truthFile.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the truth file: " + e.getMessage(), e);
            }
        }
    }

    private void writeTruth(Map<String, Object> line) {
        if (truthFile == null) {
            return;
        }
        try {
            truthFile.write(JSON.writeValueAsString(line));
            truthFile.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the truth file: " + e.getMessage(), e);
        }
    }
}
