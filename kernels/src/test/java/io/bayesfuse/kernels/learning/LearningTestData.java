package io.bayesfuse.kernels.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded problems and comparisons for the learners' tests. */
public final class LearningTestData {

    private LearningTestData() {
    }

    /** A linear model with isotropic prior N(m·1, v·I). */
    public static ModelSpec linear(int d, NoiseModel noise, double priorMean, double priorVariance, long halfLifeMillis,
                                   double drift) {
        return new ModelSpec(ModelKind.LINEAR, d, 1, false, CovarianceForm.DENSE, 0, Inference.EXACT,
                filled(d, priorMean), filled(d, priorVariance), noise, halfLifeMillis, drift, 50);
    }

    public static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** n regression examples y = wᵀx + N(0, σ²/weight), weights 1 or 2.5, times 10 ms apart from t0. */
    public static List<LabelledExample> regression(Random random, double[] w, double sigma2, int n, long t0) {
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[w.length];
            double mean = 0;
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian();
                mean += x[j] * w[j];
            }
            double weight = random.nextDouble() < 0.3 ? 2.5 : 1.0;
            examples.add(new LabelledExample(new FeatureVector.Dense(x), mean + Math.sqrt(sigma2 / weight) * random.nextGaussian(),
                    weight, t0 + 10L * i));
        }
        return examples;
    }

    public static double[] gaussianVector(Random random, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * random.nextGaussian();
        }
        return v;
    }

    /** max |a − b| / max |b|: the norm-wise relative difference. */
    public static double relativeDifference(double[] a, double[] b) {
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? difference : difference / scale;
    }

    public static double relativeDifference(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), Double.MIN_NORMAL);
    }

    /** The full symmetric matrix of a packed upper triangle. */
    public static double[] unpack(double[] packed, int D) {
        double[] full = new double[D * D];
        for (int i = 0, k = 0; i < D; i++) {
            for (int j = i; j < D; j++, k++) {
                full[i * D + j] = packed[k];
                full[j * D + i] = packed[k];
            }
        }
        return full;
    }
}
