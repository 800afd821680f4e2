package io.bayesfuse.kernels.simulation;

import java.util.Objects;

/**
 * A stream of labelled examples for one online learner (model {@code modelId}): features
 * x ~ N(0, I) and a target drawn from the true model at the example's time.
 * <ul>
 * <li>{@link Kind#REGRESSION}: y = wᵀx + ε, ε ~ N(0, σ²);</li>
 * <li>{@link Kind#LOGISTIC}: y ∈ {0, 1}, P(y = 1) = σ(wᵀx);</li>
 * <li>{@link Kind#SOFTMAX}: y ∈ {0..K−1}, P(y = k) ∝ exp(w_kᵀx).</li>
 * </ul>
 * The true weights start at N(0, s²/d) per weight (s = {@code signalScale}, so that wᵀx has variance
 * about s²) and follow a random walk: over Δt seconds each weight moves by N(0, q·Δt), q =
 * {@code driftPerSecond} (0: fixed weights). As x has mean zero and the weights' law is symmetric,
 * the classes are balanced in expectation.
 *
 * @param modelId        the model id (the examples' key)
 * @param kind           what the target is
 * @param features       d, the length of x
 * @param classes        K (2 for logistic, ≥ 3 for softmax; 0 for regression)
 * @param noiseVariance  σ² of a regression's targets (0 for classifiers)
 * @param signalScale    s, the standard deviation of wᵀx at the start
 * @param driftPerSecond q, the random walk's variance per second of each weight
 * @param ratePerSecond  examples per second (evenly spaced)
 * @param maxExamples    at most this many examples (Long.MAX_VALUE: as many as the duration allows)
 */
public record ExampleProblem(String modelId, Kind kind, int features, int classes, double noiseVariance,
                             double signalScale, double driftPerSecond, double ratePerSecond, long maxExamples) {

    /** What the examples' target is. */
    public enum Kind {
        REGRESSION, LOGISTIC, SOFTMAX
    }

    public ExampleProblem {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(kind, "kind");
        String what = "example stream '" + modelId + "': ";
        if (features < 1) {
            throw new IllegalArgumentException(what + "features is " + features + ", must be at least 1");
        }
        if (kind == Kind.LOGISTIC && classes != 2 || kind == Kind.SOFTMAX && classes < 3
                || kind == Kind.REGRESSION && classes != 0) {
            throw new IllegalArgumentException(what + classes + " classes do not fit a " + kind + " stream");
        }
        if (!(noiseVariance >= 0) || !(signalScale >= 0) || !(driftPerSecond >= 0)
                || Double.isInfinite(noiseVariance + signalScale + driftPerSecond)) {
            throw new IllegalArgumentException(what + "noise, signal scale and drift must be finite and >= 0");
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(what + "rate is " + ratePerSecond + ", must be > 0 examples per second");
        }
        if (maxExamples < 1) {
            throw new IllegalArgumentException(what + "maxExamples is " + maxExamples + ", must be at least 1");
        }
    }

    /** A regression whose weights drift: σ² = 0.25, s = 2. */
    public static ExampleProblem driftingRegression(String modelId, int features, double driftPerSecond, double ratePerSecond) {
        return new ExampleProblem(modelId, Kind.REGRESSION, features, 0, 0.25, 2.0, driftPerSecond, ratePerSecond, Long.MAX_VALUE);
    }

    /** A binary classifier with fixed weights, s = 2. */
    public static ExampleProblem logistic(String modelId, int features, double ratePerSecond) {
        return new ExampleProblem(modelId, Kind.LOGISTIC, features, 2, 0, 2.0, 0, ratePerSecond, Long.MAX_VALUE);
    }

    /** A K-class softmax classifier with fixed weights, s = 2. */
    public static ExampleProblem softmax(String modelId, int features, int classes, double ratePerSecond) {
        return new ExampleProblem(modelId, Kind.SOFTMAX, features, classes, 0, 2.0, 0, ratePerSecond, Long.MAX_VALUE);
    }

    public ExampleProblem withMaxExamples(long max) {
        return new ExampleProblem(modelId, kind, features, classes, noiseVariance, signalScale, driftPerSecond, ratePerSecond, max);
    }

    /** The number of weight vectors: K for softmax, 1 otherwise. */
    public int outputs() {
        return kind == Kind.SOFTMAX ? classes : 1;
    }

    /** The time of example n (0-based), ms since the start: evenly spaced at the rate. */
    public long timeOf(long n) {
        return (long) Math.floor(n * 1000.0 / ratePerSecond);
    }
}
