package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.schemas.chunks.PosteriorChunks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic model of {@code parameters} parameters whose sources send Fisher posteriors
 * (parameters θ and Fisher diagonal F) as chunks. Every value is a seeded function of
 * (source, version, index), so a chunk is built only when it is sent and no source's model is
 * ever held whole: 8 sources of 10⁷ parameters would otherwise be 1.3 GB of doubles. The chunks
 * lie exactly as {@link PosteriorChunks#fisher} cuts a whole vector (same count, offsets and
 * length; {@code BenchPiecesTest} checks it), and θ lies in [-1, 1), F in [0.25, 2.25).
 */
public final class SyntheticFisherModel {

    private final String quantityId;
    private final long parameters;
    private final int chunkValues;
    private final long seed;

    public SyntheticFisherModel(String quantityId, long parameters, int chunkValues, long seed) {
        if (parameters < 1 || chunkValues < 1) {
            throw new IllegalArgumentException("a model of " + parameters + " parameters in chunks of " + chunkValues
                    + " values: both must be at least 1");
        }
        this.quantityId = quantityId;
        this.parameters = parameters;
        this.chunkValues = chunkValues;
        this.seed = seed;
    }

    public String quantityId() {
        return quantityId;
    }

    public long parameters() {
        return parameters;
    }

    public int chunkValues() {
        return chunkValues;
    }

    /** The id of source number {@code source}. */
    public static String sourceId(int source) {
        return "source-" + source;
    }

    public int chunkCount() {
        return PosteriorChunks.chunkCount(parameters, chunkValues);
    }

    /** The index of chunk {@code index}'s first value. */
    public long offset(int index) {
        return (long) index * chunkValues;
    }

    /** How many values chunk {@code index} holds. */
    public int chunkLength(int index) {
        return (int) Math.min(chunkValues, parameters - offset(index));
    }

    /** θ of parameter {@code index} in version {@code version} of source {@code source}: in [-1, 1). */
    public double theta(int source, long version, long index) {
        return 2 * unit(source, version, index, 0) - 1;
    }

    /** F of parameter {@code index} in version {@code version} of source {@code source}: in [0.25, 2.25). */
    public double fisher(int source, long version, long index) {
        return 0.25 + 2 * unit(source, version, index, 1);
    }

    /** θ of chunk {@code index} of that source's version. */
    public double[] thetaSlice(int source, long version, int index) {
        double[] values = new double[chunkLength(index)];
        long offset = offset(index);
        for (int j = 0; j < values.length; j++) {
            values[j] = theta(source, version, offset + j);
        }
        return values;
    }

    /** F of chunk {@code index} of that source's version. */
    public double[] fisherSlice(int source, long version, int index) {
        double[] values = new double[chunkLength(index)];
        long offset = offset(index);
        for (int j = 0; j < values.length; j++) {
            values[j] = fisher(source, version, offset + j);
        }
        return values;
    }

    /** Chunk {@code index} of version {@code version} of source {@code source}, built now. */
    public PosteriorChunk chunk(int source, long version, int index, Instant timestamp) {
        int n = chunkLength(index);
        long offset = offset(index);
        List<Double> theta = new ArrayList<>(n);
        List<Double> fisher = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            theta.add(theta(source, version, offset + j));
            fisher.add(fisher(source, version, offset + j));
        }
        return PosteriorChunk.newBuilder().setQuantityId(quantityId).setSourceId(sourceId(source)).setVersion(version)
                .setTimestamp(timestamp).setChunkIndex(index).setChunkCount(chunkCount()).setOffset(offset).setLength(parameters)
                .setPosterior(new FisherPosterior(theta, fisher)).build();
    }

    /** A uniform number in [0, 1) from (seed, source, version, index, which): SplitMix64's finaliser over a combined key. */
    private double unit(int source, long version, long index, int which) {
        long z = seed + 0x9E3779B97F4A7C15L * (index * 4 + which + 1);
        z ^= Long.rotateLeft(version * 0xC2B2AE3D27D4EB4FL + source * 0x165667B19E3779F9L, 29);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
