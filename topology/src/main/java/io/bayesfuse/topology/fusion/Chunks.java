package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationSlice;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.RecordKeys;

import java.time.Instant;

/**
 * Checks a posterior-chunk record for what only the stream knows (its key, where the chunk lies,
 * its timestamp) and translates it into the kernels' terms: the chunk's fusion key, its geometry,
 * and an {@link Posteriors.Offer} of its slice. The slice's values are the kernels' to check.
 */
public final class Chunks {

    private Chunks() {
    }

    /** The fusion key of chunk {@code index} of a quantity: its id, U+0001, the index in 8 hex digits. */
    public static String fusionKey(String quantityId, int index) {
        String hex = Integer.toHexString(index);
        return quantityId + '\u0001' + "0".repeat(8 - hex.length()) + hex;
    }

    /** The prefix of every chunk's fusion key of a quantity. */
    public static String fusionKeyPrefix(String quantityId) {
        return quantityId + '\u0001';
    }

    /** The quantity id of a chunk's fusion key. */
    public static String quantityOf(String fusionKey) {
        int cut = fusionKey.lastIndexOf('\u0001');
        return cut < 0 ? fusionKey : fusionKey.substring(0, cut);
    }

    /**
     * One chunk for the kernels.
     *
     * @param fusionKey the chunk's fusion key
     * @param geometry  where it lies
     * @param offer     its slice (null posterior: a retraction)
     */
    public record Input(String fusionKey, StoredQuantity.ChunkGeometry geometry, Posteriors.Offer offer) {
    }

    /**
     * @throws DeadLetterException KEY_MISMATCH (a key other than quantityId#chunkIndex), WRONG_DIMENSION
     *                             (an index, offset or length that does not fit), FUTURE_TIMESTAMP, OTHER
     *                             (an empty source id, an id with control characters, a Gaussian slice
     *                             whose covariance is not diagonal)
     */
    public static Input toKernel(String key, PosteriorChunk c, long recordTimestamp, long maxFutureMillis) {
        String expected = c.getQuantityId() + "#" + c.getChunkIndex();
        String chunk = "chunk " + c.getChunkIndex() + " of quantity '" + c.getQuantityId() + "'";
        if (key == null || !key.equals(expected)) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, chunk + " arrived with " + RecordKeys.describe(key)
                    + ": chunks must be keyed quantityId#chunkIndex ('" + expected + "')");
        }
        if (!FusionKeys.isUsableId(c.getQuantityId())) {
            throw new DeadLetterException(DeadLetterReason.OTHER, "quantity id '" + c.getQuantityId().replaceAll("\\p{Cntrl}", "?")
                    + "' contains control characters");
        }
        if (c.getSourceId().isEmpty()) {
            throw new DeadLetterException(DeadLetterReason.OTHER, chunk + ": sourceId is empty");
        }
        if (c.getChunkCount() < 1 || c.getChunkIndex() < 0 || c.getChunkIndex() >= c.getChunkCount() || c.getOffset() < 0
                || c.getLength() < 1 || c.getOffset() >= c.getLength()) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, chunk + ": index " + c.getChunkIndex() + " of "
                    + c.getChunkCount() + " chunks at offset " + c.getOffset() + " of " + c.getLength() + " values does not fit");
        }
        String source = chunk + ": source '" + c.getSourceId() + "'";
        Long posteriorTime = c.getTimestamp() == null ? null : c.getTimestamp().toEpochMilli();
        if (posteriorTime != null && recordTimestamp >= 0 && posteriorTime > recordTimestamp + maxFutureMillis) {
            throw new DeadLetterException(DeadLetterReason.FUTURE_TIMESTAMP, source + ": posterior is timed " + c.getTimestamp()
                    + ", " + (posteriorTime - recordTimestamp) + " ms after its record's timestamp "
                    + Instant.ofEpochMilli(recordTimestamp) + " (at most " + maxFutureMillis + " ms allowed)");
        }
        SourcePosterior slice = c.getPosterior() == null ? null : slice(source, c);
        if (slice != null && c.getOffset() + sliceLength(slice) > c.getLength()) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, source + ": " + sliceLength(slice) + " values at offset "
                    + c.getOffset() + " run past the " + c.getLength() + " values of the whole posterior");
        }
        return new Input(fusionKey(c.getQuantityId(), c.getChunkIndex()),
                new StoredQuantity.ChunkGeometry(c.getChunkIndex(), c.getChunkCount(), c.getOffset(), c.getLength()),
                new Posteriors.Offer(c.getSourceId(), c.getVersion(), slice, posteriorTime));
    }

    private static SourcePosterior slice(String source, PosteriorChunk c) {
        Object p = c.getPosterior();
        if (p instanceof FisherPosterior f) {
            return new SourcePosterior.Fisher(Posteriors.doubles(f.getMean()), Posteriors.doubles(f.getFisherDiagonal()));
        }
        if (p instanceof InformationSlice s) {
            return new SourcePosterior.InformationSlice(s.getDimension(), c.getOffset(), Posteriors.doubles(s.getValues()));
        }
        GaussianPosterior g = (GaussianPosterior) p;
        if (!(g.getCovariance() instanceof DiagonalCovariance d)) {
            throw new DeadLetterException(DeadLetterReason.OTHER, source + ": a chunk of a Gaussian needs a diagonal covariance"
                    + " (or the information form as an InformationSlice); a full covariance cannot be fused chunk by chunk");
        }
        return new SourcePosterior.DiagonalCovariance(g.getMean() == null ? null : Posteriors.doubles(g.getMean()),
                Posteriors.doubles(d.getVariances()));
    }

    private static int sliceLength(SourcePosterior slice) {
        if (slice instanceof SourcePosterior.Fisher f) {
            return f.mean() == null ? 0 : f.mean().length;
        }
        if (slice instanceof SourcePosterior.InformationSlice s) {
            return s.values() == null ? 0 : s.values().length;
        }
        double[] mean = ((SourcePosterior.DiagonalCovariance) slice).mean();
        return mean == null ? 0 : mean.length;
    }
}
