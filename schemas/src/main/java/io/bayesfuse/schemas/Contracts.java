package io.bayesfuse.schemas;

import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.avro.Truth;
import org.apache.avro.Schema;

import java.util.List;

/**
 * The value schemas of bayesfuse's topics. Each is generated from {@code src/main/avro} and
 * its evolution is checked against {@code src/test/resources/schema-history}.
 */
public final class Contracts {

    /** The topic value records, in data-flow order. */
    public static final List<Schema> TOPIC_VALUE_SCHEMAS = List.of(
            Measurement.getClassSchema(),
            Example.getClassSchema(),
            PosteriorUpdate.getClassSchema(),
            PosteriorChunk.getClassSchema(),
            ConfigRecord.getClassSchema(),
            Estimate.getClassSchema(),
            FusedPosterior.getClassSchema(),
            FusedChunk.getClassSchema(),
            DeadLetter.getClassSchema(),
            Changepoint.getClassSchema(),
            DetectionScan.getClassSchema(),
            Truth.getClassSchema());

    private Contracts() {
    }
}
