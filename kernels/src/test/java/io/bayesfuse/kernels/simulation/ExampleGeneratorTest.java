package io.bayesfuse.kernels.simulation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExampleGeneratorTest {

    private static List<SimulatedExample> draw(ExampleProblem problem, long seed, int n) {
        ExampleGenerator generator = new ExampleGenerator(problem, seed);
        List<SimulatedExample> out = new ArrayList<>();
        for (int i = 0; i < n && generator.hasNext(); i++) {
            out.add(generator.next());
        }
        return out;
    }

    private static List<String> describe(List<SimulatedExample> examples) {
        return examples.stream().map(e -> e.modelId() + "@" + e.time() + Arrays.toString(e.features()) + "->" + e.target()).toList();
    }

    @Test
    void theSameProblemAndSeedGiveTheSameExamplesAndAnotherSeedOthers() {
        ExampleProblem problem = ExampleProblem.driftingRegression("demand", 4, 0.01, 20);
        assertThat(describe(draw(problem, 7, 500))).isEqualTo(describe(draw(problem, 7, 500)));
        assertThat(describe(draw(problem, 8, 500))).isNotEqualTo(describe(draw(problem, 7, 500)));
        ExampleProblem classes = ExampleProblem.softmax("kinds", 3, 4, 10);
        assertThat(describe(draw(classes, 7, 300))).isEqualTo(describe(draw(classes, 7, 300)));
    }

    @Test
    void examplesAreEvenlySpacedAtTheRateAndStopAtTheirMaximum() {
        List<SimulatedExample> examples = draw(ExampleProblem.logistic("churn", 2, 8).withMaxExamples(50), 1, 1000);
        assertThat(examples).hasSize(50);
        assertThat(examples.get(0).time()).isZero();
        assertThat(examples.get(8).time()).isEqualTo(1000);
        assertThat(examples.get(49).time()).isEqualTo(6125);
    }

    @Test
    void aDriftingRegressionsWeightsWanderAsARandomWalkAndFixedOnesStay() {
        double q = 0.02;   // per second: after 1,000 s each weight has moved by N(0, 20)
        List<SimulatedExample> drifting = draw(ExampleProblem.driftingRegression("demand", 8, q, 10), 3, 10_001);
        double[] first = drifting.get(0).trueWeights();
        double[] last = drifting.get(10_000).trueWeights();
        double squares = 0;
        for (int j = 0; j < first.length; j++) {
            squares += (last[j] - first[j]) * (last[j] - first[j]);
        }
        // the mean squared step of 8 weights over 1,000 s is q·1000 = 20, with a chi-square(8) spread
        assertThat(squares / first.length).isBetween(0.2 * q * 1000, 3.0 * q * 1000);

        List<SimulatedExample> fixed = draw(ExampleProblem.driftingRegression("demand", 8, 0, 10), 3, 1000);
        assertThat(fixed.get(999).trueWeights()).containsExactly(fixed.get(0).trueWeights());
    }

    @Test
    void aRegressionsTargetsAreTheWeightedFeaturesPlusItsNoise() {
        List<SimulatedExample> examples = draw(ExampleProblem.driftingRegression("demand", 5, 0.05, 10), 11, 20_000);
        double squares = 0;
        for (SimulatedExample e : examples) {
            double mean = 0;
            for (int j = 0; j < e.features().length; j++) {
                mean += e.trueWeights()[j] * e.features()[j];
            }
            squares += (e.target() - mean) * (e.target() - mean);
        }
        assertThat(squares / examples.size()).isCloseTo(0.25, within(0.015));
    }

    @Test
    void aLogisticStreamsClassesAreBalancedAndFollowTheWeights() {
        List<SimulatedExample> examples = draw(ExampleProblem.logistic("churn", 6, 50), 5, 20_000);
        long ones = examples.stream().filter(e -> e.target() == 1).count();
        assertThat(examples).allMatch(e -> e.target() == 0 || e.target() == 1);
        assertThat(ones / 20_000.0).isCloseTo(0.5, within(0.03));
        // the label agrees with the sign of wᵀx far more often than chance
        long agreeing = examples.stream().filter(e -> {
            double score = 0;
            for (int j = 0; j < 6; j++) {
                score += e.trueWeights()[j] * e.features()[j];
            }
            return (score > 0) == (e.target() == 1);
        }).count();
        assertThat(agreeing / 20_000.0).isGreaterThan(0.7);
    }

    @Test
    void aSoftmaxStreamDrawsEveryClassAboutEquallyOften() {
        int classes = 4;
        long[] counts = new long[classes];
        // balanced in expectation over the weights' draw: average over several seeds
        for (long seed = 1; seed <= 20; seed++) {
            for (SimulatedExample e : draw(ExampleProblem.softmax("kinds", 5, classes, 50), seed, 2_000)) {
                assertThat(e.target()).isIn(0.0, 1.0, 2.0, 3.0);
                counts[(int) e.target()]++;
            }
        }
        for (long count : counts) {
            assertThat(count / 40_000.0).isCloseTo(0.25, within(0.06));
        }
    }

    @Test
    void aSimulationWithExampleStreamsDeliversThemInTimeOrderBesideItsOtherEvents() {
        Scenario scenario = Scenario.standard(2, 9).withDuration(10_000);
        List<ExampleProblem> problems = List.of(ExampleProblem.driftingRegression("demand", 3, 0.01, 20),
                ExampleProblem.logistic("churn", 2, 5).withMaxExamples(10));
        Simulation simulation = new Simulation(scenario, null, problems);
        List<SimulatedExample> examples = new ArrayList<>();
        long readings = 0;
        long previous = Long.MIN_VALUE;
        while (simulation.hasNext()) {
            SimulationEvent event = simulation.next();
            assertThat(event.deliveryTime()).isGreaterThanOrEqualTo(previous);
            previous = event.deliveryTime();
            if (event instanceof SimulationEvent.LabelledDraw draw) {
                examples.add(draw.example());
            } else if (event instanceof SimulationEvent.Reading) {
                readings++;
            }
        }
        assertThat(examples.stream().filter(e -> e.modelId().equals("demand"))).hasSize(200);
        assertThat(examples.stream().filter(e -> e.modelId().equals("churn"))).hasSize(10);
        // the other events are those of the same scenario without examples
        Simulation without = new Simulation(scenario, null);
        long readingsWithout = 0;
        while (without.hasNext()) {
            readingsWithout += without.next() instanceof SimulationEvent.Reading ? 1 : 0;
        }
        assertThat(readings).isPositive().isEqualTo(readingsWithout);
    }
}
