package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.learning.assembly.Learners;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calibration on a drifting regression: the true weights walk randomly, so old evidence misleads.
 * A Normal-Inverse-Gamma learner that forgets (half-life in event time) keeps its 95% predictive
 * intervals honest on the 10,000 points after a burn-in; the same learner without forgetting grows
 * ever more certain of stale weights and its intervals cover far fewer points.
 */
class CalibrationUnderDriftTest {

    static final int BURN_IN = 2_000;
    static final int SCORED = 10_000;
    static final long STEP_MILLIS = 100;

    /** The stream: x ~ N(0, I) with an intercept, y = wₜᵀx + N(0, σ²), w a random walk. */
    static List<LabelledExample> driftingStream(long seed, int d, double sigma2, double walkVariancePerStep) {
        Random random = new Random(seed);
        double[] w = LearningTestData.gaussianVector(random, d, 1);
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < BURN_IN + SCORED; i++) {
            double[] x = LearningTestData.gaussianVector(random, d, 1);
            x[0] = 1;
            double mean = 0;
            for (int j = 0; j < d; j++) {
                w[j] += Math.sqrt(walkVariancePerStep) * random.nextGaussian();
                mean += w[j] * x[j];
            }
            examples.add(new LabelledExample(new FeatureVector.Dense(x), mean + Math.sqrt(sigma2) * random.nextGaussian(), 1.0,
                    STEP_MILLIS * i));
        }
        return examples;
    }

    /** The prequential scores of the examples after the burn-in. */
    static Calibration scoreAfterBurnIn(ModelSpec spec, List<LabelledExample> stream, int batch) {
        Calibration scored = new Calibration();
        try (OnlineLearner learner = Learners.create(spec, Integer.MAX_VALUE)) {
            WeightPosterior posterior = learner.prior();
            for (int i = 0; i < stream.size(); i += batch) {
                Calibration scores = learner.learn(posterior, stream.subList(i, Math.min(stream.size(), i + batch)));
                if (i >= BURN_IN) {
                    scored.add(scores);
                }
            }
        }
        return scored;
    }

    @Test
    void withForgettingThe95PercentIntervalsCover95PercentOfLaterPointsAndWithoutItCoverageFalls() {
        int d = 4;
        List<LabelledExample> stream = driftingStream(42, d, 0.25, 2e-4);
        ModelSpec forgetting = LearningTestData.linear(d, NoiseModel.unknown(1.0, 2), 0, 10, 20_000, 0);
        ModelSpec remembering = LearningTestData.linear(d, NoiseModel.unknown(1.0, 2), 0, 10, 0, 0);
        Calibration withForgetting = scoreAfterBurnIn(forgetting, stream, 16);
        Calibration without = scoreAfterBurnIn(remembering, stream, 16);
        System.out.printf("drifting regression, %d scored points: 95%% interval coverage %.4f with forgetting (half-life 20 s = 200 "
                        + "examples), %.4f without; 50%%: %.4f / %.4f; 90%%: %.4f / %.4f; mean log predictive %.3f / %.3f%n",
                withForgetting.examples(), withForgetting.coverage(2), without.coverage(2), withForgetting.coverage(0),
                without.coverage(0), withForgetting.coverage(1), without.coverage(1), withForgetting.meanLogPredictive(),
                without.meanLogPredictive());
        assertThat(withForgetting.examples()).isEqualTo(SCORED);
        assertThat(withForgetting.coverage(2)).isBetween(0.935, 0.965);
        assertThat(without.coverage(2)).isLessThan(0.90);
        assertThat(withForgetting.meanLogPredictive()).isGreaterThan(without.meanLogPredictive());
    }
}
