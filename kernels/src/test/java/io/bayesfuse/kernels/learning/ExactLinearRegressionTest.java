package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.learning.assembly.Learners;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.bayesfuse.kernels.learning.LearningTestData.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conjugate learners are exact: whatever the batch size, the arrival order, the algebra path
 * or the split of the data between sites, the posterior is the closed form of the whole data set
 * (Bishop, PRML (3.50)–(3.51); the Normal-Inverse-Gamma update, Murphy MLPP (7.69)–(7.73)),
 * computed here independently with EJML's LU solve.
 */
class ExactLinearRegressionTest {

    private static final double TOLERANCE = 1e-9;
    private static final int D = 6;
    private static final double SIGMA2 = 0.49;

    /** The batch closed form: Λ = Λ₀ + Σ wᵢxᵢxᵢᵀ/σ², η = η₀ + Σ wᵢyᵢxᵢ/σ², μ = Λ⁻¹η; a, b of the noise. */
    private record ClosedForm(double[] lambda, double[] eta, double[] mean, double a, double b) {

        static ClosedForm of(ModelSpec spec, List<LabelledExample> examples, long time) {
            int d = spec.parameters();
            double sigma2 = spec.noise().variance();
            double[] lambda = new double[d * d];
            double[] eta = new double[d];
            double a = 0;
            double yy = 0;
            double priorQuadratic = 0;
            for (int j = 0; j < d; j++) {
                lambda[j * d + j] = 1 / spec.priorVariance()[j];
                eta[j] = spec.priorMean()[j] / spec.priorVariance()[j];
                priorQuadratic += spec.priorMean()[j] * eta[j];
            }
            for (LabelledExample e : examples) {
                double rho = spec.halfLifeMillis() > 0 ? Math.pow(2, -(double) (time - e.time()) / spec.halfLifeMillis()) : 1;
                double[] x = e.x().toArray();
                for (int i = 0; i < d; i++) {
                    eta[i] += rho * e.weight() * e.target() * x[i] / sigma2;
                    for (int j = 0; j < d; j++) {
                        lambda[i * d + j] += rho * e.weight() * x[i] * x[j] / sigma2;
                    }
                }
                a += rho / 2;
                yy += rho * e.weight() * e.target() * e.target() / sigma2;
            }
            DMatrixRMaj mean = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.solve(new DMatrixRMaj(d, d, true, lambda), new DMatrixRMaj(d, 1, true, eta), mean);
            double muLambdaMu = 0;
            for (int j = 0; j < d; j++) {
                muLambdaMu += mean.data[j] * eta[j];
            }
            double a0 = spec.unknownNoise() ? spec.noise().strength() / 2 : 0;
            double b = a0 + 0.5 * (yy + priorQuadratic - muLambdaMu);
            return new ClosedForm(lambda, eta, mean.data, a0 + a, b);
        }
    }

    private static List<LabelledExample> data(long seed, int n) {
        Random random = new Random(seed);
        return LearningTestData.regression(random, new double[]{1.5, -2, 0.5, 0, 3, -0.7}, SIGMA2, n, 1_000_000);
    }

    private static WeightPosterior learn(ModelSpec spec, List<LabelledExample> examples, int batch, int nd4jFrom) {
        try (OnlineLearner learner = Learners.create(spec, nd4jFrom)) {
            WeightPosterior posterior = learner.prior();
            for (int i = 0; i < examples.size(); i += batch) {
                learner.learn(posterior, examples.subList(i, Math.min(examples.size(), i + batch)));
            }
            return posterior;
        }
    }

    private static void assertEqualsClosedForm(ModelSpec spec, WeightPosterior posterior, ClosedForm expected) {
        assertThat(relativeDifference(LearningTestData.unpack(posterior.precision(), D), expected.lambda())).isLessThan(TOLERANCE);
        assertThat(relativeDifference(posterior.information(), expected.eta())).isLessThan(TOLERANCE);
        try (OnlineLearner learner = Learners.create(spec, Integer.MAX_VALUE)) {
            PosteriorSummary summary = learner.summarise(posterior, D);
            assertThat(relativeDifference(summary.mean(), expected.mean())).isLessThan(TOLERANCE);
            if (spec.unknownNoise()) {
                assertThat(relativeDifference(posterior.noiseShape(), expected.a())).isLessThan(TOLERANCE);
                Outputs.Noise noise = Outputs.Noise.of(spec, posterior, summary.mean());
                assertThat(relativeDifference(noise.scale(), expected.b())).isLessThan(TOLERANCE);
            }
        }
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 7, 64, 256, 1000})
    void afterNExamplesTheKnownNoisePosteriorIsTheBatchClosedFormForAnyBatchSize(int batch) {
        ModelSpec spec = LearningTestData.linear(D, NoiseModel.known(SIGMA2), 0.2, 4, 0, 0);
        List<LabelledExample> examples = data(1, 1000);
        assertEqualsClosedForm(spec, learn(spec, examples, batch, Integer.MAX_VALUE), ClosedForm.of(spec, examples, 0));
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 13, 100, 1000})
    void afterNExamplesTheNormalInverseGammaPosteriorIsTheBatchClosedFormForAnyBatchSize(int batch) {
        ModelSpec spec = LearningTestData.linear(D, NoiseModel.unknown(1.0, 3), 0, 10, 0, 0);
        List<LabelledExample> examples = data(2, 1000);
        assertEqualsClosedForm(spec, learn(spec, examples, batch, Integer.MAX_VALUE), ClosedForm.of(spec, examples, 0));
    }

    @Test
    void theArrivalOrderDoesNotMatter() {
        ModelSpec spec = LearningTestData.linear(D, NoiseModel.unknown(1.0, 3), 0, 10, 0, 0);
        List<LabelledExample> examples = data(3, 700);
        ClosedForm expected = ClosedForm.of(spec, examples, 0);
        for (long seed = 0; seed < 3; seed++) {
            List<LabelledExample> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, new Random(seed));
            assertEqualsClosedForm(spec, learn(spec, shuffled, 33, Integer.MAX_VALUE), expected);
        }
    }

    @Test
    void theNd4jPathLearnsTheSamePosteriorAsTheSmallMatrixPath() {
        ModelSpec spec = LearningTestData.linear(D, NoiseModel.unknown(0.5, 4), 0, 10, 0, 0);
        List<LabelledExample> examples = data(4, 600);
        WeightPosterior small = learn(spec, examples, 50, Integer.MAX_VALUE);
        WeightPosterior nd4j = learn(spec, examples, 50, 1);
        assertThat(relativeDifference(nd4j.precision(), small.precision())).isLessThan(1e-13);
        assertThat(relativeDifference(nd4j.information(), small.information())).isLessThan(1e-13);
        assertEqualsClosedForm(spec, nd4j, ClosedForm.of(spec, examples, 0));
    }

    @Test
    void twoSitesFusedWithThePriorDividedOutEqualOneLearnerOverAllTheirData() {
        for (NoiseModel noise : List.of(NoiseModel.known(SIGMA2), NoiseModel.unknown(1.0, 3))) {
            ModelSpec spec = LearningTestData.linear(D, noise, 0.1, 5, 0, 0);
            List<LabelledExample> examples = data(5, 900);
            WeightPosterior siteA = learn(spec, examples.subList(0, 400), 64, Integer.MAX_VALUE);
            WeightPosterior siteB = learn(spec, examples.subList(400, 900), 17, Integer.MAX_VALUE);
            WeightPosterior all = learn(spec, examples, 100, Integer.MAX_VALUE);
            WeightPosterior prior = WeightPosterior.prior(spec);
            // the product rule with prior division: Λ = Λ_A + Λ_B − Λ₀, η = η_A + η_B − η₀ (and a, c alike)
            double[] lambda = new double[prior.precision().length];
            for (int k = 0; k < lambda.length; k++) {
                lambda[k] = siteA.precision()[k] + siteB.precision()[k] - prior.precision()[k];
            }
            double[] eta = new double[D];
            for (int j = 0; j < D; j++) {
                eta[j] = siteA.information()[j] + siteB.information()[j] - prior.information()[j];
            }
            assertThat(relativeDifference(lambda, all.precision())).isLessThan(TOLERANCE);
            assertThat(relativeDifference(eta, all.information())).isLessThan(TOLERANCE);
            assertThat(relativeDifference(siteA.noiseShape() + siteB.noiseShape() - prior.noiseShape(), all.noiseShape()))
                    .isLessThanOrEqualTo(TOLERANCE);
            assertThat(relativeDifference(siteA.noiseTerm() + siteB.noiseTerm() - prior.noiseTerm(), all.noiseTerm()))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 10, 250})
    void withForgettingEveryExampleCountsByItsAgeHoweverTheStreamWasBatched(int batch) {
        ModelSpec spec = LearningTestData.linear(D, NoiseModel.unknown(1.0, 3), 0, 10, 2_000, 0);
        List<LabelledExample> examples = data(6, 500);
        List<LabelledExample> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(9));
        WeightPosterior posterior = learn(spec, shuffled, batch, Integer.MAX_VALUE);
        long newest = examples.get(examples.size() - 1).time();
        assertThat(posterior.time()).isEqualTo(newest);
        assertEqualsClosedForm(spec, posterior, ClosedForm.of(spec, examples, newest));
    }

    @Test
    void eachBatchIsScoredBeforeItIsLearnt() {
        ModelSpec spec = LearningTestData.linear(D, NoiseModel.known(SIGMA2), 0, 4, 0, 0);
        List<LabelledExample> examples = data(7, 200);
        try (OnlineLearner learner = Learners.create(spec, Integer.MAX_VALUE)) {
            WeightPosterior posterior = learner.prior();
            Calibration first = learner.learn(posterior, examples.subList(0, 100));
            Calibration second = learner.learn(posterior, examples.subList(100, 200));
            // the prior predicts badly, the learnt model well: N(0, σ²) residuals give about −0.86 per example
            assertThat(second.meanLogPredictive()).isBetween(-1.2, -0.6);
            assertThat(first.meanLogPredictive()).isLessThan(second.meanLogPredictive() - 1);
            assertThat(second.examples()).isEqualTo(100);
        }
    }
}
