package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Example;
import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.topology.deadletter.DeadLetterException;

import java.util.List;

/**
 * Reads an {@link Example} as the kernels' {@link LabelledExample} of its model, or refuses it with
 * the reason: KEY_MISMATCH (the key is not the model id), WRONG_DIMENSION (features of another
 * length, sparse indices out of bounds or repeated, dense and sparse both or neither), NON_FINITE
 * (a NaN or infinite feature or weight), INVALID_TARGET (a non-finite target, a class index that is
 * not an integer in 0..K−1) and OTHER (a weight that is not positive).
 */
public final class Examples {

    private Examples() {
    }

    /** The example as its model's kernel example, or a DeadLetterException with the reason it is refused. */
    public static LabelledExample toKernel(String key, Example example, ModelSpec spec, long recordTimestamp) {
        String what = "example of model '" + key + "'";
        if (example == null) {
            throw new DeadLetterException(DeadLetterReason.OTHER, what + ": a tombstone (null value) is not an example");
        }
        if (!key.equals(example.getModelId())) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, what + ": its modelId is '" + example.getModelId()
                    + "', not the record key");
        }
        FeatureVector x = features(what, example, spec.features());
        String nonFinite = x.firstNonFinite();
        if (nonFinite != null) {
            throw new DeadLetterException(DeadLetterReason.NON_FINITE, what + ": feature " + nonFinite);
        }
        double weight = example.getWeight() == null ? 1.0 : example.getWeight();
        if (!Double.isFinite(weight)) {
            throw new DeadLetterException(DeadLetterReason.NON_FINITE, what + ": weight is " + weight);
        }
        if (!(weight > 0)) {
            throw new DeadLetterException(DeadLetterReason.OTHER, what + ": weight is " + weight + ", must be positive");
        }
        double y = example.getTarget();
        requireTarget(what, y, spec);
        long time = example.getTimestamp() == null ? recordTimestamp : example.getTimestamp().toEpochMilli();
        return new LabelledExample(x, y, weight, time);
    }

    private static FeatureVector features(String what, Example example, int d) {
        boolean dense = example.getFeatures() != null;
        boolean sparse = example.getIndices() != null || example.getValues() != null;
        if (dense == sparse) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, what + ": give either 'features' (dense) or"
                    + " 'indices' and 'values' (sparse), " + (dense ? "not both" : "got neither"));
        }
        if (dense) {
            List<Double> values = example.getFeatures();
            if (values.size() != d) {
                throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, what + ": " + values.size()
                        + " features, the model has " + d);
            }
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = values.get(j);
            }
            return new FeatureVector.Dense(x);
        }
        if (example.getIndices() == null || example.getValues() == null || example.getIndices().size() != example.getValues().size()) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, what + ": sparse features need as many 'values' as"
                    + " 'indices'");
        }
        if (example.getDimension() != null && example.getDimension() != d) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, what + ": dimension " + example.getDimension()
                    + ", the model has " + d + " features");
        }
        int n = example.getIndices().size();
        int[] indices = new int[n];
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            indices[k] = example.getIndices().get(k);
            values[k] = example.getValues().get(k);
        }
        FeatureVector.Sparse x = new FeatureVector.Sparse(d, indices, values);
        String problem = x.problem();
        if (problem != null) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, what + ": " + problem);
        }
        return x;
    }

    private static void requireTarget(String what, double y, ModelSpec spec) {
        if (!Double.isFinite(y)) {
            throw new DeadLetterException(DeadLetterReason.INVALID_TARGET, what + ": target is " + y);
        }
        if (spec.kind() != ModelKind.LINEAR && (y != Math.rint(y) || y < 0 || y >= spec.classes())) {
            throw new DeadLetterException(DeadLetterReason.INVALID_TARGET, what + ": target " + y + " is not a class index 0.."
                    + (spec.classes() - 1));
        }
    }
}
