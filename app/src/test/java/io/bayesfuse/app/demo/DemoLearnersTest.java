package io.bayesfuse.app.demo;

import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.algebra.Nd4jRuntime;
import io.bayesfuse.kernels.learning.assembly.Learners;
import io.bayesfuse.kernels.simulation.ExampleGenerator;
import io.bayesfuse.kernels.simulation.ExampleProblem;
import io.bayesfuse.kernels.simulation.SimulatedExample;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.learning.LearnerStage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's online learners fit the examples its simulator produces, and learn from them. */
class DemoLearnersTest {

    private static final BayesfuseConfig DEMO = ConfigLoader.parse(DemoCommand.configText(), "demo.yaml");

    @Test
    void everySimulatedExampleStreamHasAModelOfItsKindAndSizeAndAFusionPriorOfItsSize() {
        Map<String, LearnerStage.Model> models = LearnerStage.compile(DEMO);
        assertThat(DemoCommand.EXAMPLE_STREAMS).isNotEmpty();
        for (ExampleProblem stream : DemoCommand.EXAMPLE_STREAMS) {
            LearnerStage.Model model = models.get(stream.modelId());
            assertThat(model).as(stream.modelId()).isNotNull();
            assertThat(model.spec().features()).isEqualTo(stream.features());
            assertThat(model.spec().kind()).isEqualTo(switch (stream.kind()) {
                case REGRESSION -> ModelKind.LINEAR;
                case LOGISTIC -> ModelKind.LOGISTIC;
                case SOFTMAX -> ModelKind.SOFTMAX;
            });
            assertThat(DEMO.quantities().get(stream.modelId()).prior().mean()).hasSize(model.spec().parameters());
        }
    }

    @Test
    void theDemosLearnersLearnTheirStreamsInTheirBatches() {
        Map<String, LearnerStage.Model> models = LearnerStage.compile(DEMO);
        Nd4jRuntime.initialise();
        for (ExampleProblem stream : DemoCommand.EXAMPLE_STREAMS) {
            LearnerStage.Model model = models.get(stream.modelId());
            ExampleGenerator generator = new ExampleGenerator(stream, 1);
            try (OnlineLearner learner = Learners.create(model.spec(), DEMO.learning().nd4jFromDimensionOrDefault())) {
                WeightPosterior posterior = learner.prior();
                Calibration early = new Calibration();
                Calibration late = new Calibration();
                for (int b = 0; b < 200; b++) {   // 3,200 examples: 5.3 minutes of the regression stream
                    List<LabelledExample> batch = new ArrayList<>();
                    for (int i = 0; i < model.batch(); i++) {
                        SimulatedExample e = generator.next();
                        batch.add(new LabelledExample(new FeatureVector.Dense(e.features()), e.target(), 1.0, e.time()));
                    }
                    Calibration scores = learner.learn(posterior, batch);
                    (b < 10 ? early : late).add(scores);
                }
                assertThat(late.meanLogPredictive()).as(stream.modelId()).isGreaterThan(early.meanLogPredictive());
                if (stream.kind() == ExampleProblem.Kind.REGRESSION) {
                    // the model knows the drift: its 95% predictive intervals stay calibrated as the weights move
                    assertThat(late.coverage(2)).as(stream.modelId()).isBetween(0.93, 0.97);
                } else {
                    assertThat(late.accuracy()).as(stream.modelId()).isGreaterThan(0.7);
                }
            }
        }
    }
}
