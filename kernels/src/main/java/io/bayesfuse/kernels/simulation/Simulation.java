package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A {@link Scenario} run as a discrete-event simulation: every sensor of every target, every
 * truth sampler and every learner is a clock that fires at its own times; what it produces is
 * queued for delivery (readings after their arrival delay) and handed out in delivery order
 * ({@link #next()}). A reading is taken at its event time and may be delivered after newer ones:
 * that is how late and out-of-order arrivals happen. Nothing depends on the wall clock: the same
 * scenario gives the same events, in the same order, every time.
 * <p>
 * Not thread-safe.
 */
public final class Simulation {

    private final Scenario scenario;
    private final PriorityQueue<Clock> clocks = new PriorityQueue<>(
            Comparator.comparingLong(Clock::nextTime).thenComparingLong(Clock::order));
    private final PriorityQueue<Queued> deliveries = new PriorityQueue<>(
            Comparator.comparingLong((Queued q) -> q.event.deliveryTime()).thenComparingLong(Queued::sequence));
    private long sequence;

    private record Queued(SimulationEvent event, long sequence) {
    }

    /** Something that fires at times of its own and produces events. */
    private abstract static class Clock {
        final long order;
        long nextTime;

        Clock(long order, long firstTime) {
            this.order = order;
            this.nextTime = firstTime;
        }

        long nextTime() {
            return nextTime;
        }

        long order() {
            return order;
        }

        /** Produces this firing's events and sets the next time. */
        abstract void fire(List<SimulationEvent> out);
    }

    public Simulation(Scenario scenario) {
        this(scenario, null);
    }

    /**
     * @param surveillance a sensor that also scans every target unlabelled, with clutter ({@link
     *                     SimulationEvent.Scan}), or null for none
     */
    public Simulation(Scenario scenario, SurveillanceRadar surveillance) {
        this(scenario, surveillance, List.of());
    }

    /**
     * @param surveillance a sensor that also scans every target unlabelled, with clutter, or null for none
     * @param examples     streams of labelled examples for online learners ({@link SimulationEvent.LabelledDraw}),
     *                     each from its own random stream (seeded by the scenario's seed and its model id)
     */
    public Simulation(Scenario scenario, SurveillanceRadar surveillance, List<ExampleProblem> examples) {
        this.scenario = scenario;
        long order = 0;
        java.util.Map<String, ManoeuvringTarget> targets = new java.util.LinkedHashMap<>();
        for (int i = 0; i < scenario.entities(); i++) {
            String entityId = scenario.entityId(i);
            ManoeuvringTarget target = new ManoeuvringTarget(SplitMix64.seedFor(scenario.seed(), entityId), scenario.arenaRadius());
            targets.put(entityId, target);
            clocks.add(new TruthClock(order++, entityId, target));
            for (SensorSpec sensor : scenario.sensors()) {
                clocks.add(new SensorClock(order++, entityId, target, new SensorSimulator(sensor),
                        new SplitMix64(SplitMix64.seedFor(scenario.seed(), entityId + "/" + sensor.id()))));
            }
        }
        for (RegressionProblem problem : scenario.problems()) {
            for (int j = 0; j < problem.learners(); j++) {
                RegressionLearner learner = new RegressionLearner(problem, j,
                        SplitMix64.seedFor(scenario.seed(), problem.quantityId() + "/" + problem.learnerId(j)));
                long first = (problem.periodMillis() * (j + 1)) / problem.learners();
                clocks.add(new LearnerClock(order++, learner, problem.periodMillis(), first));
            }
        }
        for (ExampleProblem problem : examples) {
            clocks.add(new ExampleClock(order++,
                    new ExampleGenerator(problem, SplitMix64.seedFor(scenario.seed(), "examples/" + problem.modelId()))));
        }
        if (surveillance != null) {
            clocks.add(new ScanClock(order, surveillance, targets,
                    new SplitMix64(SplitMix64.seedFor(scenario.seed(), surveillance.region() + "/" + surveillance.sensorId()))));
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** True while there are events left (always, for a scenario without an end). */
    public boolean hasNext() {
        fill();
        return !deliveries.isEmpty();
    }

    /** The next event in delivery order. */
    public SimulationEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the simulation ended at " + scenario.durationMillis() + " ms");
        }
        return deliveries.poll().event;
    }

    /** The delivery time of the next event, or Long.MAX_VALUE when there is none. */
    public long peekDeliveryTime() {
        return hasNext() ? deliveries.peek().event.deliveryTime() : Long.MAX_VALUE;
    }

    /** Fires clocks until no clock could still produce an event due before the first queued one. */
    private void fill() {
        List<SimulationEvent> produced = new ArrayList<>();
        while (!clocks.isEmpty()) {
            Clock clock = clocks.peek();
            if (clock.nextTime >= scenario.durationMillis()) {
                break;
            }
            if (!deliveries.isEmpty() && clock.nextTime > deliveries.peek().event.deliveryTime()) {
                break;   // every delay is >= 0: nothing this clock makes can be delivered earlier
            }
            clocks.poll();
            produced.clear();
            clock.fire(produced);
            for (SimulationEvent event : produced) {
                deliveries.add(new Queued(event, sequence++));
            }
            clocks.add(clock);
        }
    }

    private final class TruthClock extends Clock {
        private final String entityId;
        private final ManoeuvringTarget target;

        TruthClock(long order, String entityId, ManoeuvringTarget target) {
            super(order, 0);
            this.entityId = entityId;
            this.target = target;
        }

        @Override
        void fire(List<SimulationEvent> out) {
            out.add(new SimulationEvent.Truth(entityId, target.advanceTo(nextTime)));
            nextTime += scenario.truthPeriodMillis();
        }
    }

    private final class SensorClock extends Clock {
        private final String entityId;
        private final ManoeuvringTarget target;
        private final SensorSimulator sensor;
        private final SplitMix64 random;

        SensorClock(long order, String entityId, ManoeuvringTarget target, SensorSimulator sensor, SplitMix64 random) {
            super(order, 0);
            this.entityId = entityId;
            this.target = target;
            this.sensor = sensor;
            this.random = random;
            this.nextTime = (long) (sensor.spec().periodMillis() * random.nextDouble());   // sensors are not in phase
        }

        @Override
        void fire(List<SimulationEvent> out) {
            long time = nextTime;
            long period = sensor.spec().periodMillis();
            nextTime += Math.max(1, period - period / 10 + (long) (period / 5.0 * random.nextDouble()));
            if (sensor.spec().outage().isDown(time)) {
                return;
            }
            SensorReading reading = sensor.observe(entityId, target.advanceTo(time), random);
            if (scenario.faultProbability() > 0 && random.nextDouble() < scenario.faultProbability()) {
                reading = random.nextDouble() < 0.5
                        ? new SensorReading(entityId, reading.sensorId(), time, new double[]{Double.NaN, reading.z()[1]},
                        null, ReadingKind.NON_FINITE)
                        : new SensorReading(entityId, Scenario.UNREGISTERED_SENSOR, time, reading.z(), null,
                        ReadingKind.UNKNOWN_SENSOR);
            }
            out.add(new SimulationEvent.Reading(reading, time + scenario.delays().draw(random), target.advanceTo(time)));
        }
    }

    private static final class ScanClock extends Clock {
        private final SurveillanceRadar radar;
        private final java.util.Map<String, ManoeuvringTarget> targets;
        private final SplitMix64 random;

        ScanClock(long order, SurveillanceRadar radar, java.util.Map<String, ManoeuvringTarget> targets, SplitMix64 random) {
            super(order, radar.periodMillis());
            this.radar = radar;
            this.targets = targets;
            this.random = random;
        }

        @Override
        void fire(List<SimulationEvent> out) {
            java.util.Map<String, TargetState> truth = new java.util.LinkedHashMap<>();
            targets.forEach((id, target) -> truth.put(id, target.advanceTo(nextTime)));
            out.add(new SimulationEvent.Scan(radar.region(), radar.sensorId(), nextTime,
                    radar.scan(new ArrayList<>(truth.values()), random), truth));
            nextTime += radar.periodMillis();
        }
    }

    private static final class LearnerClock extends Clock {
        private final RegressionLearner learner;
        private final long period;

        LearnerClock(long order, RegressionLearner learner, long period, long first) {
            super(order, first);
            this.learner = learner;
            this.period = period;
        }

        @Override
        void fire(List<SimulationEvent> out) {
            LearnerPosterior published = learner.publish(nextTime);
            // a re-sent earlier version keeps its content but arrives now
            out.add(new SimulationEvent.Posterior(published.time() == nextTime ? published
                    : new LearnerPosterior(published.quantityId(), published.sourceId(), published.version(), nextTime,
                    published.precision(), published.information(), published.observations())));
            nextTime += period;
        }
    }

    private static final class ExampleClock extends Clock {
        private final ExampleGenerator generator;

        ExampleClock(long order, ExampleGenerator generator) {
            super(order, generator.nextTime());
            this.generator = generator;
        }

        @Override
        void fire(List<SimulationEvent> out) {
            out.add(new SimulationEvent.LabelledDraw(generator.next()));
            nextTime = generator.hasNext() ? generator.nextTime() : Long.MAX_VALUE;
        }
    }
}
