package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Gaussian posterior updates in information form of {@code quantities} quantities from
 * {@code sources} sources each, dimension d: record i is source-quantity pair i mod (Q K), at
 * version i div (Q K) + 1, so every source's versions increase. The precision is diagonal
 * (values between 1 and 2) and written out as a full d x d matrix, as a learner would send it.
 * Record i's precision depends on i mod 10 and its information vector on i mod 13 only, so the
 * value lists are built once and shared (the producer runs on the cores it measures; building
 * 272 boxed doubles per record was 4 % of a profile's samples).
 */
public final class PosteriorWorkload implements Workload {

    private final int quantities;
    private final int sources;
    private final int dimension;
    private final List<List<Double>> precisions = new ArrayList<>();
    private final List<List<Double>> informations = new ArrayList<>();

    public PosteriorWorkload(int quantities, int sources, int dimension) {
        if (quantities < 1 || sources < 1 || dimension < 1) {
            throw new IllegalArgumentException("quantities (" + quantities + "), sources (" + sources
                    + ") and dimension (" + dimension + ") must all be at least 1");
        }
        this.quantities = quantities;
        this.sources = sources;
        this.dimension = dimension;
        for (int phase = 0; phase < 10; phase++) {
            List<Double> precision = new ArrayList<>(dimension * dimension);
            for (int row = 0; row < dimension; row++) {
                for (int column = 0; column < dimension; column++) {
                    precision.add(row == column ? 1.0 + ((phase + row) % 10) / 10.0 : 0.0);
                }
            }
            precisions.add(List.copyOf(precision));
        }
        for (int phase = 0; phase < 13; phase++) {
            List<Double> information = new ArrayList<>(dimension);
            for (int row = 0; row < dimension; row++) {
                information.add(((phase + row) % 13) / 13.0 - 0.5);
            }
            informations.add(List.copyOf(information));
        }
    }

    @Override
    public String key(long index) {
        return "quantity-" + (pair(index) % quantities);
    }

    private long pair(long index) {
        return index % ((long) quantities * sources);
    }

    @Override
    public PosteriorUpdate value(long index, long nowMillis) {
        long pair = pair(index);
        long version = index / ((long) quantities * sources) + 1;
        List<Double> precision = precisions.get((int) (index % 10));
        List<Double> information = informations.get((int) (index % 13));
        return PosteriorUpdate.newBuilder()
                .setQuantityId(key(index))
                .setSourceId("source-" + (pair / quantities))
                .setVersion(version)
                .setTimestamp(Instant.ofEpochMilli(nowMillis))
                .setWeight(null)
                .setPosterior(new GaussianPosterior(null, new InformationForm(new Matrix(dimension, dimension, precision), information)))
                .build();
    }
}
