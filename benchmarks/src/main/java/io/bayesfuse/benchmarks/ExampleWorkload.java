package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.Example;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Regression examples of {@code models} models with d dense features each, round robin (record i
 * teaches model i mod M): x from a seeded generator per record, y = Σ xⱼ·(j mod 3 − 1) plus noise,
 * the same for every run. Event time is the wall clock at production.
 */
public final class ExampleWorkload implements Workload {

    private final int models;
    private final int dimension;

    public ExampleWorkload(int models, int dimension) {
        if (models < 1 || dimension < 1) {
            throw new IllegalArgumentException("models (" + models + ") and dimension (" + dimension + ") must be at least 1");
        }
        this.models = models;
        this.dimension = dimension;
    }

    @Override
    public String key(long index) {
        return modelId(index % models);
    }

    static String modelId(long model) {
        return "model-" + model;
    }

    @Override
    public Example value(long index, long nowMillis) {
        SplittableRandom random = new SplittableRandom(index);
        List<Double> x = new ArrayList<>(dimension);
        double y = 0;
        for (int j = 0; j < dimension; j++) {
            double v = random.nextDouble(-1, 1);
            x.add(v);
            y += v * (j % 3 - 1);
        }
        return Example.newBuilder().setModelId(key(index)).setFeatures(x).setTarget(y + 0.1 * random.nextDouble(-1, 1))
                .setTimestamp(Instant.ofEpochMilli(nowMillis)).build();
    }
}
