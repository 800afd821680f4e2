package io.bayesfuse.app.bench;

import org.apache.avro.specific.SpecificRecord;

/** The input records of a benchmark, by index: record i's key and its value stamped with a wall-clock time. */
public interface Workload {

    String key(long index);

    SpecificRecord value(long index, long nowMillis);

    /** The workload a stage reads. */
    static Workload of(Stage stage, PipelineSettings settings) {
        return stage.input() == Stage.Input.MEASUREMENTS
                ? new MeasurementWorkload(settings.entities())
                : new PosteriorWorkload(settings.quantities(), settings.sources(), settings.dimension());
    }
}
