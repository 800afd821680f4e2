package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.Measurement;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Position measurements of {@code entities} targets, round robin (record i is entity i mod M),
 * each target moving one unit per visit along the diagonal, from the sensor {@code gps} of the
 * benchmark configuration (its R applies). Event time is the wall clock at production.
 */
public final class MeasurementWorkload implements Workload {

    public static final String SENSOR = "gps";

    private final int entities;

    public MeasurementWorkload(int entities) {
        if (entities < 1) {
            throw new IllegalArgumentException("entities is " + entities + ", must be at least 1");
        }
        this.entities = entities;
    }

    @Override
    public String key(long index) {
        return entityId(index % entities);
    }

    static String entityId(long entity) {
        return "entity-" + entity;
    }

    @Override
    public Measurement value(long index, long nowMillis) {
        double visit = (double) (index / entities);
        double wobble = (index % 7) * 0.25;   // a little noise-like variation, deterministic
        return Measurement.newBuilder()
                .setEntityId(key(index))
                .setSensorId(SENSOR)
                .setTimestamp(Instant.ofEpochMilli(nowMillis))
                .setZ(List.of(visit + wobble, visit - wobble))
                .setR(null)
                .setAttributes(Map.of())
                .build();
    }
}
