package io.bayesfuse.benchmarks;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.HttpConfig;

import java.util.Locale;
import java.util.Map;

/**
 * The configurations the benchmarks run: a linear Kalman filter with a 2-D constant-velocity
 * model and one position sensor (the measurements of {@link MeasurementWorkload}); product-rule
 * fusion of d-dimensional Gaussian posteriors with a weak prior (those of {@link PosteriorWorkload});
 * both (the soak test); or Fisher merging of chunked models ({@link SyntheticFisherModel}).
 */
public final class BenchConfigs {

    private BenchConfigs() {
    }

    static String filterSection() {
        return """
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  %s: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter:
                  type: kf
                  motionModel: cv
                  initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
                """.formatted(MeasurementWorkload.SENSOR);
    }

    static String fusionSection(int dimension) {
        StringBuilder mean = new StringBuilder("[");
        StringBuilder covariance = new StringBuilder("[");
        for (int row = 0; row < dimension; row++) {
            mean.append(row == 0 ? "" : ", ").append('0');
            covariance.append(row == 0 ? "[" : ", [");
            for (int column = 0; column < dimension; column++) {
                covariance.append(column == 0 ? "" : ", ").append(row == column ? "100" : "0");
            }
            covariance.append(']');
        }
        return "fusion:\n  method: product\n  prior: {mean: " + mean + "], covariance: " + covariance + "]}\n";
    }

    /** The mini-batch of the learner stage's models. */
    public static final int LEARNER_BATCH = 256;

    /**
     * {@code models} linear models of d features (those of {@link ExampleWorkload}), unknown noise, batches of 256,
     * every batch full (no flush by stream time within an hour: the benchmark counts 256 examples per output).
     */
    static String learnerSection(int models, int dimension) {
        StringBuilder yaml = new StringBuilder("learning: {flushAfterMillis: 3600000}\nmodels:\n");
        for (int m = 0; m < models; m++) {
            yaml.append(String.format(Locale.ROOT, "  %s: {type: linear, features: %d, noise: {variance: 0.01, strength: 2}, batch: %d}%n",
                    ExampleWorkload.modelId(m), dimension, LEARNER_BATCH));
        }
        return yaml.toString();
    }

    /**
     * A validated configuration.
     *
     * @param applicationId the application id, also the topic prefix (plus '.')
     * @param filter        with the filter stage
     * @param fusion        with the fusion stage, of posteriors of this dimension (0: none)
     */
    public static BayesfuseConfig of(String applicationId, int partitions, boolean filter, int fusionDimension,
                                     Map<String, String> kafka, Map<String, String> schemaRegistry) {
        return of(applicationId, partitions, filter, fusionDimension, 0, 0, kafka, schemaRegistry);
    }

    /**
     * @param learnerModels    with the learner stage, of this many models (0: none)
     * @param learnerDimension their features
     */
    public static BayesfuseConfig of(String applicationId, int partitions, boolean filter, int fusionDimension, int learnerModels,
                                     int learnerDimension, Map<String, String> kafka, Map<String, String> schemaRegistry) {
        return parse(applicationId, partitions, (filter ? filterSection() : "")
                + (fusionDimension > 0 ? fusionSection(fusionDimension) : "")
                + (learnerModels > 0 ? learnerSection(learnerModels, learnerDimension) : ""), kafka, schemaRegistry);
    }

    /** Fisher merging (default floor, equal weights): how the chunks of {@link SyntheticFisherModel} are fused. */
    public static BayesfuseConfig fisher(String applicationId, int partitions, Map<String, String> kafka,
                                         Map<String, String> schemaRegistry) {
        return parse(applicationId, partitions, "fusion: {method: fisher}\n", kafka, schemaRegistry);
    }

    private static BayesfuseConfig parse(String applicationId, int partitions, String sections, Map<String, String> kafka,
                                         Map<String, String> schemaRegistry) {
        String yaml = String.format(Locale.ROOT, "application: {id: %s, topicPrefix: %s., partitions: %d}\n",
                applicationId, applicationId, partitions) + sections;
        BayesfuseConfig config = ConfigLoader.parse(yaml, "the benchmark configuration")
                .withConnections(kafka, schemaRegistry, new HttpConfig("localhost", 0, null));
        config.validate();
        return config;
    }
}
