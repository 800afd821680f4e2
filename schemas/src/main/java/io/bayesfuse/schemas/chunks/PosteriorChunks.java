package io.bayesfuse.schemas.chunks;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationSlice;
import io.bayesfuse.avro.PosteriorChunk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a posterior too large for one record into {@link PosteriorChunk}s of a fixed number of
 * values, one chunk at a time (a model of 10⁷ parameters is never held as records all at once):
 * <pre>
 *   PosteriorChunks chunks = PosteriorChunks.fisher("model", "site-a", 7, null, theta, fisher, 16_384);
 *   for (int i = 0; i &lt; chunks.count(); i++) {
 *       producer.send(new ProducerRecord&lt;&gt;(topic, PosteriorChunks.key("model", i), chunks.chunk(i)));
 *   }
 * </pre>
 * Every chunk of one quantity must be cut the same way (the same chunk size and length) by every
 * source. The default of {@value #DEFAULT_CHUNK_VALUES} values per array keeps a chunk of two
 * arrays near 256 KiB, well under Kafka's default 1 MB record limit.
 */
public final class PosteriorChunks {

    /** Values per array in a chunk by default (2 arrays of 16,384 doubles: about 256 KiB of Avro). */
    public static final int DEFAULT_CHUNK_VALUES = 16_384;

    private enum Form { FISHER, DIAGONAL, INFORMATION, RETRACTION }

    private final Form form;
    private final String quantityId;
    private final String sourceId;
    private final long version;
    private final Instant timestamp;
    private final double[] first;
    private final double[] second;
    private final int dimension;
    private final long length;
    private final int chunkValues;

    private PosteriorChunks(Form form, String quantityId, String sourceId, long version, Instant timestamp, double[] first,
                            double[] second, int dimension, long length, int chunkValues) {
        if (chunkValues < 1) {
            throw new IllegalArgumentException("chunkValues is " + chunkValues + ", must be at least 1");
        }
        if (second != null && second.length != first.length) {
            throw new IllegalArgumentException("the two arrays have " + first.length + " and " + second.length + " values");
        }
        this.form = form;
        this.quantityId = quantityId;
        this.sourceId = sourceId;
        this.version = version;
        this.timestamp = timestamp;
        this.first = first;
        this.second = second;
        this.dimension = dimension;
        this.length = length;
        this.chunkValues = chunkValues;
    }

    /** Parameters θ with their Fisher diagonal F (the arrays are read, not copied: leave them unchanged while chunking). */
    public static PosteriorChunks fisher(String quantityId, String sourceId, long version, Instant timestamp, double[] theta,
                                         double[] fisherDiagonal, int chunkValues) {
        return new PosteriorChunks(Form.FISHER, quantityId, sourceId, version, timestamp, theta, fisherDiagonal, 0, theta.length,
                chunkValues);
    }

    /** A diagonal Gaussian: mean x and variances σ². */
    public static PosteriorChunks diagonal(String quantityId, String sourceId, long version, Instant timestamp, double[] mean,
                                           double[] variances, int chunkValues) {
        return new PosteriorChunks(Form.DIAGONAL, quantityId, sourceId, version, timestamp, mean, variances, 0, mean.length,
                chunkValues);
    }

    /**
     * A dense Gaussian in information form, flattened as [the upper triangle of Λ row by row, then η]
     * ({@link #flatten}).
     */
    public static PosteriorChunks information(String quantityId, String sourceId, long version, Instant timestamp, int dimension,
                                              double[] flattened, int chunkValues) {
        long expected = (long) dimension * (dimension + 1) / 2 + dimension;
        if (flattened.length != expected) {
            throw new IllegalArgumentException("a " + dimension + "-dimensional information form flattens to " + expected
                    + " values, not " + flattened.length);
        }
        return new PosteriorChunks(Form.INFORMATION, quantityId, sourceId, version, timestamp, flattened, null, dimension,
                flattened.length, chunkValues);
    }

    /** Retractions of a source from every chunk of a quantity of {@code length} values. */
    public static PosteriorChunks retraction(String quantityId, String sourceId, long version, Instant timestamp, long length,
                                             int chunkValues) {
        return new PosteriorChunks(Form.RETRACTION, quantityId, sourceId, version, timestamp, null, null, 0, length, chunkValues);
    }

    /** [Λ's upper triangle row by row, then η] of a row-major d×d precision. */
    public static double[] flatten(double[] precision, double[] informationVector, int d) {
        double[] flat = new double[d * (d + 1) / 2 + d];
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                flat[k++] = precision[i * d + j];
            }
        }
        System.arraycopy(informationVector, 0, flat, k, d);
        return flat;
    }

    /** The record key of a chunk: {@code quantityId#chunkIndex}. */
    public static String key(String quantityId, int chunkIndex) {
        return quantityId + "#" + chunkIndex;
    }

    /** How many chunks of {@code chunkValues} values a vector of {@code length} values takes. */
    public static int chunkCount(long length, int chunkValues) {
        long count = (length + chunkValues - 1) / chunkValues;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(length + " values in chunks of " + chunkValues + " make too many chunks");
        }
        return (int) Math.max(1, count);
    }

    public int count() {
        return chunkCount(length, chunkValues);
    }

    /** Chunk {@code index}, built now. */
    public PosteriorChunk chunk(int index) {
        int count = count();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + count);
        }
        long offset = (long) index * chunkValues;
        int n = (int) Math.min(chunkValues, length - offset);
        Object posterior = switch (form) {
            case FISHER -> new FisherPosterior(slice(first, offset, n), slice(second, offset, n));
            case DIAGONAL -> new GaussianPosterior(slice(first, offset, n), new DiagonalCovariance(slice(second, offset, n)));
            case INFORMATION -> new InformationSlice(dimension, slice(first, offset, n));
            case RETRACTION -> null;
        };
        return PosteriorChunk.newBuilder().setQuantityId(quantityId).setSourceId(sourceId).setVersion(version)
                .setTimestamp(timestamp).setChunkIndex(index).setChunkCount(count).setOffset(offset).setLength(length)
                .setPosterior(posterior).build();
    }

    private static List<Double> slice(double[] values, long offset, int n) {
        List<Double> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(values[(int) (offset + i)]);
        }
        return list;
    }
}
