package io.bayesfuse.app.simulate;

import io.bayesfuse.avro.Example;
import io.bayesfuse.kernels.simulation.ExampleProblem;
import io.bayesfuse.kernels.simulation.SimulatedExample;
import io.bayesfuse.topology.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleStreamSpecTest {

    @Test
    void readsTheThreeKindsOfStream() {
        ExampleProblem regression = ExampleStreamSpec.parse("demand:regression:4").problem(20, 500, 0.01);
        assertThat(regression.modelId()).isEqualTo("demand");
        assertThat(regression.kind()).isEqualTo(ExampleProblem.Kind.REGRESSION);
        assertThat(regression.features()).isEqualTo(4);
        assertThat(regression.driftPerSecond()).isEqualTo(0.01);
        assertThat(regression.ratePerSecond()).isEqualTo(20);
        assertThat(regression.maxExamples()).isEqualTo(500);
        assertThat(ExampleStreamSpec.parse("churn:logistic:3").problem(1, Long.MAX_VALUE, 0.01).classes()).isEqualTo(2);
        ExampleProblem softmax = ExampleStreamSpec.parse("kinds:softmax:5:4").problem(1, Long.MAX_VALUE, 0.01);
        assertThat(softmax.classes()).isEqualTo(4);
        assertThat(softmax.driftPerSecond()).isZero();
        assertThat(ExampleStreamSpec.parse("kinds:SOFTMAX:5").classes()).isEqualTo(3);
    }

    @Test
    void refusesAValueThatDoesNotFitNamingTheOption() {
        for (String bad : new String[]{"demand", "demand:regression", "demand:tree:4", "demand:regression:0",
                "demand:regression:x", "churn:logistic:3:2", "kinds:softmax:5:2", ":regression:4"}) {
            assertThatThrownBy(() -> ExampleStreamSpec.parse(bad)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--examples").hasMessageContaining(bad);
        }
    }

    @Test
    void aSimulatedExampleBecomesADenseExampleAtTheStartPlusItsTime() {
        Example e = SimulationRecords.example(new SimulatedExample("demand", 250, new double[]{0.5, -1}, 2.5,
                new double[]{1, 1}), 1_700_000_000_000L);
        assertThat(e.getModelId()).isEqualTo("demand");
        assertThat(e.getFeatures()).containsExactly(0.5, -1.0);
        assertThat(e.getIndices()).isNull();
        assertThat(e.getTarget()).isEqualTo(2.5);
        assertThat(e.getWeight()).isNull();
        assertThat(e.getTimestamp().toEpochMilli()).isEqualTo(1_700_000_000_250L);
    }
}
