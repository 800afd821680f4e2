package io.bayesfuse.kernels.learning;


import java.util.Arrays;

/**
 * Prequential evaluation (Dawid 1984): each example is scored by the predictive distribution of the
 * posterior before it was learned from. For regression: the log predictive density, the squared
 * error, and how often y fell inside the central 50%, 90% and 95% predictive intervals (a calibrated
 * model covers 50%, 90% and 95% of them). For classification: the log predictive probability of the
 * true class, the accuracy of the most probable class, and a reliability table (Guo et al. 2017):
 * examples binned by the predicted probability of the predicted class (its confidence), each bin's
 * accuracy against its mean confidence; the expected calibration error is their weighted gap.
 * A mutable sum; batch sums add into running totals.
 */
public final class Calibration {

    /** The interval levels whose coverage is counted. */
    public static final double[] LEVELS = {0.50, 0.90, 0.95};
    /** Confidence bins of the reliability table: [0, 0.1), [0.1, 0.2), ..., [0.9, 1]. */
    public static final int BINS = 10;

    private long examples;
    private double logPredictive;
    private double squaredError;
    private final long[] covered = new long[LEVELS.length];
    private long correct;
    private final long[] binCount = new long[BINS];
    private final double[] binConfidence = new double[BINS];
    private final long[] binCorrect = new long[BINS];
    /** The quantiles of LEVELS for the last degrees of freedom seen (they change once per batch at most). */
    private double quantileDegrees = Double.NaN;
    private final double[] quantiles = new double[LEVELS.length];

    public Calibration() {
    }

    /** A sum from its stored parts (see the accessors). */
    public Calibration(long examples, double logPredictive, double squaredError, long[] covered, long correct, long[] binCount,
                       double[] binConfidence, long[] binCorrect) {
        this.examples = examples;
        this.logPredictive = logPredictive;
        this.squaredError = squaredError;
        System.arraycopy(covered, 0, this.covered, 0, LEVELS.length);
        this.correct = correct;
        System.arraycopy(binCount, 0, this.binCount, 0, BINS);
        System.arraycopy(binConfidence, 0, this.binConfidence, 0, BINS);
        System.arraycopy(binCorrect, 0, this.binCorrect, 0, BINS);
    }

    /** Scores one example's target y by the prediction made before learning from it. */
    public void add(Prediction prediction, double y) {
        examples++;
        logPredictive += prediction.logDensity(y);
        if (prediction.isRegression()) {
            double error = y - prediction.mean();
            squaredError += error * error;
            for (int i = 0; i < LEVELS.length; i++) {
                if (Math.abs(error) <= quantile(i, prediction.degreesOfFreedom()) * prediction.scale()) {
                    covered[i]++;
                }
            }
        } else {
            int predicted = prediction.predictedClass();
            double confidence = prediction.probabilities()[predicted];
            boolean right = predicted == (int) y;
            int bin = Math.min(BINS - 1, (int) (confidence * BINS));
            binCount[bin]++;
            binConfidence[bin] += confidence;
            if (right) {
                correct++;
                binCorrect[bin]++;
            }
        }
    }

    private double quantile(int level, double degreesOfFreedom) {
        if (degreesOfFreedom != quantileDegrees) {
            for (int i = 0; i < LEVELS.length; i++) {
                quantiles[i] = Prediction.quantile((1 + LEVELS[i]) / 2, degreesOfFreedom);
            }
            quantileDegrees = degreesOfFreedom;
        }
        return quantiles[level];
    }

    /** Adds another sum into this one. */
    public void add(Calibration other) {
        examples += other.examples;
        logPredictive += other.logPredictive;
        squaredError += other.squaredError;
        correct += other.correct;
        for (int i = 0; i < LEVELS.length; i++) {
            covered[i] += other.covered[i];
        }
        for (int b = 0; b < BINS; b++) {
            binCount[b] += other.binCount[b];
            binConfidence[b] += other.binConfidence[b];
            binCorrect[b] += other.binCorrect[b];
        }
    }

    public long examples() {
        return examples;
    }

    /** Σ log p(yᵢ | earlier examples). */
    public double logPredictive() {
        return logPredictive;
    }

    public double squaredError() {
        return squaredError;
    }

    /** Examples inside the central intervals of {@link #LEVELS} (a copy). */
    public long[] covered() {
        return covered.clone();
    }

    public long correct() {
        return correct;
    }

    public long[] binCount() {
        return binCount.clone();
    }

    public double[] binConfidence() {
        return binConfidence.clone();
    }

    public long[] binCorrect() {
        return binCorrect.clone();
    }

    /** The mean log predictive density (NaN without examples). */
    public double meanLogPredictive() {
        return examples == 0 ? Double.NaN : logPredictive / examples;
    }

    /** The fraction of examples inside the central interval of LEVELS[i]. */
    public double coverage(int i) {
        return examples == 0 ? Double.NaN : (double) covered[i] / examples;
    }

    public double rootMeanSquaredError() {
        return examples == 0 ? Double.NaN : Math.sqrt(squaredError / examples);
    }

    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct / examples;
    }

    /** Σ_bins (nᵦ/N)·|accuracyᵦ − confidenceᵦ| (classification). */
    public double expectedCalibrationError() {
        long n = Arrays.stream(binCount).sum();
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            if (binCount[b] > 0) {
                sum += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        return sum;
    }
}
