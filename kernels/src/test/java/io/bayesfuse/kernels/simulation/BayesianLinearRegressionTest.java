package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BayesianLinearRegressionTest {

    @Test
    void withoutDataThePosteriorIsThePrior() {
        BayesianLinearRegression model = new BayesianLinearRegression(2, 0.25, 1.0);
        assertThat(model.mean()).containsExactly(0, 0);
        assertThat(model.covariance()[0][0]).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void thePosteriorMeanFindsTheTrueWeightsAndItsUncertaintyShrinks() {
        double[] w = {1.5, -2.0, 0.7};
        BayesianLinearRegression model = new BayesianLinearRegression(3, 0.25, 1.0);
        SplitMix64 random = new SplitMix64(3);
        for (int k = 0; k < 5000; k++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            model.observe(x, w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + random.nextGaussian());
        }
        double[] mean = model.mean();
        double[][] P = model.covariance();
        for (int i = 0; i < 3; i++) {
            assertThat(mean[i]).isCloseTo(w[i], within(4 * Math.sqrt(P[i][i])));
            assertThat(P[i][i]).isLessThan(1e-3);
        }
        assertThat(model.observations()).isEqualTo(5000);
    }

    @Test
    void shardPosteriorsFusedByTheProductRuleEqualThePosteriorOfAllTheData() {
        double alpha = 0.25;
        BayesianLinearRegression all = new BayesianLinearRegression(2, alpha, 0.5);
        List<BayesianLinearRegression> shards = List.of(new BayesianLinearRegression(2, alpha, 0.5),
                new BayesianLinearRegression(2, alpha, 0.5), new BayesianLinearRegression(2, alpha, 0.5));
        SplitMix64 random = new SplitMix64(8);
        for (int k = 0; k < 300; k++) {
            double[] x = {random.nextGaussian() + k % 3, random.nextGaussian()};
            double y = 0.4 * x[0] + 1.1 * x[1] + Math.sqrt(0.5) * random.nextGaussian();
            all.observe(x, y);
            shards.get(k % 3).observe(x, y);
        }
        // Σ Λᵢ − (K − 1)·α·I and Σ ηᵢ: the prior counted once
        double[][] fused = new double[2][2];
        double[] eta = new double[2];
        for (BayesianLinearRegression shard : shards) {
            for (int i = 0; i < 2; i++) {
                eta[i] += shard.information()[i];
                for (int j = 0; j < 2; j++) {
                    fused[i][j] += shard.precision()[i][j] - (i == j ? alpha : 0) ;
                }
            }
        }
        fused[0][0] += alpha;
        fused[1][1] += alpha;
        for (int i = 0; i < 2; i++) {
            assertThat(eta[i]).isCloseTo(all.information()[i], within(1e-9));
            for (int j = 0; j < 2; j++) {
                assertThat(fused[i][j]).isCloseTo(all.precision()[i][j], within(1e-9));
            }
        }
        assertThat(all.observations()).isEqualTo(300);
    }

    @Test
    void learnersPublishGrowingVersionsOfTheirOwnShard() {
        RegressionProblem problem = new RegressionProblem("q", new double[]{0.4, 1.1}, 0.5, 0.25, 2, 20, 1000, 0);
        RegressionLearner first = new RegressionLearner(problem, 0, 1);
        RegressionLearner second = new RegressionLearner(problem, 1, 2);
        assertThat(first.publish(0).version()).isEqualTo(1);
        LearnerPosterior p = first.publish(1000);
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.observations()).isEqualTo(40);
        assertThat(p.sourceId()).isEqualTo("learner-1");
        assertThat(second.publish(0).information()).isNotEqualTo(first.publish(2000).information());
    }

    @Test
    void aLearnerMaySendItsPreviousVersionAgain() {
        RegressionProblem problem = new RegressionProblem("q", new double[]{1.0}, 1.0, 1.0, 1, 5, 1000, 0.5);
        RegressionLearner learner = new RegressionLearner(problem, 0, 11);
        long previous = 0;
        int repeats = 0;
        for (int k = 0; k < 200; k++) {
            long version = learner.publish(k).version();
            assertThat(version).isBetween(previous, previous + 1);
            repeats += version == previous ? 1 : 0;
            previous = version;
        }
        assertThat(repeats).isBetween(70, 130);
    }
}
