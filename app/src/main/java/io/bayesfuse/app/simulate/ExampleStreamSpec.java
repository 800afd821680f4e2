package io.bayesfuse.app.simulate;

import io.bayesfuse.kernels.simulation.ExampleProblem;
import io.bayesfuse.topology.config.ConfigException;

import java.util.Locale;

/**
 * One {@code --examples} value, {@code MODEL:KIND:FEATURES[:CLASSES]}: the model id the examples are
 * keyed by, {@code regression} (weights drifting by {@code --example-drift}), {@code logistic} or
 * {@code softmax} (with its number of classes), and the number of features.
 *
 * @param modelId  the model id (the record key)
 * @param kind     what the target is
 * @param features d
 * @param classes  K for softmax, 2 for logistic, 0 for regression
 */
public record ExampleStreamSpec(String modelId, ExampleProblem.Kind kind, int features, int classes) {

    /** Reads a value of {@code --examples} (ConfigException naming the option when it does not fit). */
    public static ExampleStreamSpec parse(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 3 || parts.length > 4 || parts[0].isBlank()) {
            throw bad(value, "expected MODEL:KIND:FEATURES[:CLASSES], e.g. demand:regression:4 or kinds:softmax:5:3");
        }
        ExampleProblem.Kind kind;
        try {
            kind = ExampleProblem.Kind.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(value, "kind '" + parts[1] + "' is not regression, logistic or softmax");
        }
        int features = positive(value, parts[2], "features");
        int classes = switch (kind) {
            case REGRESSION -> 0;
            case LOGISTIC -> 2;
            case SOFTMAX -> parts.length == 4 ? positive(value, parts[3], "classes") : 3;
        };
        if (kind == ExampleProblem.Kind.SOFTMAX && classes < 3) {
            throw bad(value, "a softmax stream needs at least 3 classes (logistic is the 2-class one)");
        }
        if (kind != ExampleProblem.Kind.SOFTMAX && parts.length == 4) {
            throw bad(value, "only softmax takes a number of classes");
        }
        return new ExampleStreamSpec(parts[0].strip(), kind, features, classes);
    }

    /** The stream, at {@code rate} examples per second, at most {@code max}; a regression's weights drift by {@code drift}/s. */
    public ExampleProblem problem(double rate, long max, double drift) {
        ExampleProblem problem = switch (kind) {
            case REGRESSION -> ExampleProblem.driftingRegression(modelId, features, drift, rate);
            case LOGISTIC -> ExampleProblem.logistic(modelId, features, rate);
            case SOFTMAX -> ExampleProblem.softmax(modelId, features, classes, rate);
        };
        return problem.withMaxExamples(max);
    }

    private static int positive(String value, String text, String what) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(value, what + " '" + text + "' must be a positive integer");
    }

    private static ConfigException bad(String value, String problem) {
        return new ConfigException("--examples", "'" + value + "': " + problem);
    }
}
