package io.bayesfuse.benchmarks;

import org.apache.avro.specific.SpecificRecord;

/** The input records of a benchmark, by index: record i's key and its value stamped with a wall-clock time. */
public interface Workload {

    String key(long index);

    SpecificRecord value(long index, long nowMillis);

    /** The workload a stage reads. */
    static Workload of(Stage stage, PipelineSettings settings) {
        return switch (stage.input()) {
            case MEASUREMENTS -> new MeasurementWorkload(settings.entities());
            case POSTERIOR_UPDATES -> new PosteriorWorkload(settings.quantities(), settings.sources(), settings.dimension());
            case EXAMPLES -> new ExampleWorkload(settings.quantities(), settings.dimension());
        };
    }
}
