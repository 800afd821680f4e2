package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.learning.assembly.Learners;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.bayesfuse.kernels.learning.LearningTestData.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Laplace update against an independent reference: SciPy's trust-region optimiser on the
 * negative log posterior with NumPy's own gradient and Hessian (kernels/src/test/python/
 * make_laplace_fixtures.py), for seeded logistic and softmax problems with example weights. Taking
 * all examples in one batch, the learner's mode and covariance must agree within 1e-6 (relative to
 * the largest entry): the reference's gradient at its mode is below 2·10⁻¹²; what remains is the
 * stopping rule of each Newton iteration. Assumed-density filtering over the same examples is
 * reported beside it (it is a one-pass approximation, so it is only asserted to be close).
 */
class LaplaceReferenceTest {

    static final double TOLERANCE = 1e-6;

    /**
     * @param posteriorMean       the exact posterior's mean (importance sampling, effective sample size over 10⁵)
     * @param posteriorCovariance the exact posterior's covariance (the same)
     */
    record Fixture(ModelSpec spec, List<LabelledExample> examples, double[] mode, double[] covariance, double[] posteriorMean,
                   double[] posteriorCovariance) {

        static Fixture load(String name) throws IOException {
            try (InputStream in = LaplaceReferenceTest.class.getResourceAsStream("/learning/laplace-" + name + ".txt")) {
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.startsWith("#")).toList();
                int k = 0;
                ModelKind kind = ModelKind.valueOf(value(lines.get(k++), "kind").toUpperCase());
                int d = Integer.parseInt(value(lines.get(k++), "features"));
                int classes = Integer.parseInt(value(lines.get(k++), "classes"));
                double[] mean = numbers(value(lines.get(k++), "prior_mean"));
                double[] variance = numbers(value(lines.get(k++), "prior_variance"));
                int n = Integer.parseInt(value(lines.get(k++), "examples"));
                List<LabelledExample> examples = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double[] row = numbers(lines.get(k++));
                    examples.add(new LabelledExample(new FeatureVector.Dense(Arrays.copyOf(row, d)), row[d], row[d + 1], 1000L + i));
                }
                double[] mode = numbers(value(lines.get(k++), "mode"));
                int D = Integer.parseInt(value(lines.get(k++), "covariance"));
                double[] covariance = new double[D * D];
                for (int i = 0; i < D; i++) {
                    System.arraycopy(numbers(lines.get(k++)), 0, covariance, i * D, D);
                }
                double[] posteriorMean = numbers(value(lines.get(k++), "posterior_mean"));
                k++;
                double[] posteriorCovariance = new double[D * D];
                for (int i = 0; i < D; i++) {
                    System.arraycopy(numbers(lines.get(k++)), 0, posteriorCovariance, i * D, D);
                }
                ModelSpec spec = new ModelSpec(kind, d, classes, false, CovarianceForm.DENSE, 0, Inference.LAPLACE, mean, variance,
                        null, 0, 0, 100);
                return new Fixture(spec, examples, mode, covariance, posteriorMean, posteriorCovariance);
            }
        }

        private static String value(String line, String key) {
            if (!line.startsWith(key + " ")) {
                throw new IllegalStateException("expected '" + key + "', got: " + line);
            }
            return line.substring(key.length() + 1);
        }

        private static double[] numbers(String text) {
            return Arrays.stream(text.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        }

        ModelSpec with(Inference inference) {
            return new ModelSpec(spec.kind(), spec.features(), spec.classes(), false, CovarianceForm.DENSE, 0, inference,
                    spec.priorMean(), spec.priorVariance(), null, 0, 0, 100);
        }
    }

    /** The posterior's mean and full covariance, read through the learner's own summary and predictions. */
    static double[][] meanAndCovariance(ModelSpec spec, WeightPosterior posterior) {
        int D = spec.parameters();
        double[] lambda = LearningTestData.unpack(posterior.precision(), D);
        org.ejml.data.DMatrixRMaj P = new org.ejml.data.DMatrixRMaj(D, D, true, lambda);
        org.ejml.dense.row.CommonOps_DDRM.invert(P);
        org.ejml.data.DMatrixRMaj mean = new org.ejml.data.DMatrixRMaj(D, 1);
        org.ejml.dense.row.CommonOps_DDRM.mult(P, new org.ejml.data.DMatrixRMaj(D, 1, true, posterior.information()), mean);
        return new double[][]{mean.data, P.data};
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic-many", "logistic-few", "softmax"})
    void theLaplaceModeAndCovarianceAgreeWithScipysOptimiser(String name) throws IOException {
        Fixture fixture = Fixture.load(name);
        for (int nd4jFrom : new int[]{1, Integer.MAX_VALUE}) {
            try (OnlineLearner learner = Learners.create(fixture.spec(), nd4jFrom)) {
                WeightPosterior posterior = learner.prior();
                learner.learn(posterior, fixture.examples());
                double[][] moments = meanAndCovariance(fixture.spec(), posterior);
                assertThat(relativeDifference(moments[0], fixture.mode())).as(name + " mode").isLessThan(TOLERANCE);
                assertThat(relativeDifference(moments[1], fixture.covariance())).as(name + " covariance").isLessThan(TOLERANCE);
                assertThat(relativeDifference(learner.summarise(posterior, 100).mean(), fixture.mode())).isLessThan(TOLERANCE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic-many", "logistic-few", "softmax"})
    void assumedDensityFilteringApproximatesThePosteriorsMomentsAboutAsWellAsLaplace(String name) throws IOException {
        Fixture fixture = Fixture.load(name);
        ModelSpec adf = fixture.with(Inference.ADF);
        try (OnlineLearner learner = Learners.create(adf, Integer.MAX_VALUE)) {
            WeightPosterior posterior = learner.prior();
            learner.learn(posterior, fixture.examples());
            double[][] moments = meanAndCovariance(adf, posterior);
            double adfMean = relativeDifference(moments[0], fixture.posteriorMean());
            double adfCovariance = relativeDifference(moments[1], fixture.posteriorCovariance());
            double laplaceMean = relativeDifference(fixture.mode(), fixture.posteriorMean());
            double laplaceCovariance = relativeDifference(fixture.covariance(), fixture.posteriorCovariance());
            System.out.printf("%s, against the exact posterior moments (importance sampling): mean error ADF %.4f, Laplace %.4f; "
                            + "covariance error ADF %.4f, Laplace %.4f (relative to the largest entry)%n",
                    name, adfMean, laplaceMean, adfCovariance, laplaceCovariance);
            // one pass, order-dependent: within a few tenths of the posterior's spread here
            assertThat(adfMean).isLessThan(0.25);
            assertThat(adfCovariance).isLessThan(0.35);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic-many", "softmax"})
    void laplaceInSeveralBatchesStaysCloseToTheOneBatchPosterior(String name) throws IOException {
        Fixture fixture = Fixture.load(name);
        try (OnlineLearner learner = Learners.create(fixture.spec(), Integer.MAX_VALUE)) {
            WeightPosterior posterior = learner.prior();
            List<LabelledExample> all = fixture.examples();
            Calibration total = new Calibration();
            for (int i = 0; i < all.size(); i += 50) {
                total.add(learner.learn(posterior, all.subList(i, Math.min(all.size(), i + 50))));
            }
            double[][] moments = meanAndCovariance(fixture.spec(), posterior);
            System.out.printf("Laplace in batches of 50 vs one batch, %s: mean %.4f; prequential accuracy %.3f, ECE %.3f%n",
                    name, relativeDifference(moments[0], fixture.mode()), total.accuracy(), total.expectedCalibrationError());
            assertThat(relativeDifference(moments[0], fixture.mode())).isLessThan(0.15);
            assertThat(total.examples()).isEqualTo(all.size());
        }
    }
}
