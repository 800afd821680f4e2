package io.bayesfuse.schemas.chunks;

import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationSlice;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the newest {@link FusedChunk} of each chunk of one quantity (from the fused-chunks
 * topic) and assembles the quantity once it is consistent: every chunk present, each fused from the
 * same source versions (equal {@code sourcesDigest}). Until then {@link #status()} says what is
 * missing or which chunks disagree.
 */
public final class ChunkAssembler {

    private final String quantityId;
    private final TreeMap<Integer, FusedChunk> chunks = new TreeMap<>();

    public ChunkAssembler(String quantityId) {
        this.quantityId = quantityId;
    }

    /** Takes a fused chunk (a newer one of the same index replaces the older). */
    public void accept(FusedChunk chunk) {
        if (!chunk.getQuantityId().equals(quantityId)) {
            throw new IllegalArgumentException("chunk of quantity '" + chunk.getQuantityId() + "' offered to the assembler of '"
                    + quantityId + "'");
        }
        chunks.put(chunk.getChunkIndex(), chunk);
    }

    /** A chunk no source contributes to any more (a tombstone on the fused-chunks topic). */
    public void remove(int chunkIndex) {
        chunks.remove(chunkIndex);
    }

    /**
     * Whether the collected chunks make one model.
     *
     * @param chunkCount the quantity's chunk count (0 while no chunk is known)
     * @param present    the chunks collected
     * @param missing    the first missing chunk indices (at most 10)
     * @param digests    each distinct source-set digest and how many chunks carry it
     * @param consistent every chunk present and a single digest
     */
    public record Status(int chunkCount, int present, List<Integer> missing, Map<String, Integer> digests, boolean consistent) {
    }

    public Status status() {
        int count = chunks.isEmpty() ? 0 : chunks.firstEntry().getValue().getChunkCount();
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 0; i < count && missing.size() < 10; i++) {
            if (!chunks.containsKey(i)) {
                missing.add(i);
            }
        }
        TreeMap<String, Integer> digests = new TreeMap<>();
        chunks.values().forEach(c -> digests.merge(c.getSourcesDigest(), 1, Integer::sum));
        boolean consistent = count > 0 && chunks.size() == count && digests.size() == 1;
        return new Status(count, chunks.size(), List.copyOf(missing), digests, consistent);
    }

    /**
     * The assembled model: for Fisher chunks {θ, fused Fisher diagonal}; for diagonal Gaussians
     * {mean, variances}; for information slices {the flattened [Λ upper triangle, η]}.
     *
     * @throws IllegalStateException when the chunks are not consistent ({@link #status()})
     */
    public double[][] assemble() {
        Status status = status();
        if (!status.consistent()) {
            throw new IllegalStateException("quantity '" + quantityId + "' is not consistent yet: " + status);
        }
        FusedChunk first = chunks.firstEntry().getValue();
        int length = Math.toIntExact(first.getLength());
        Object kind = first.getPosterior();
        int arrays = kind instanceof InformationSlice ? 1 : 2;
        double[][] model = new double[arrays][length];
        for (FusedChunk c : chunks.values()) {
            int offset = Math.toIntExact(c.getOffset());
            Object p = c.getPosterior();
            if (p instanceof FisherPosterior f) {
                copy(f.getMean(), model[0], offset);
                copy(f.getFisherDiagonal(), model[1], offset);
            } else if (p instanceof GaussianPosterior g && g.getCovariance() instanceof io.bayesfuse.avro.DiagonalCovariance d) {
                copy(g.getMean(), model[0], offset);
                copy(d.getVariances(), model[1], offset);
            } else if (p instanceof InformationSlice s) {
                copy(s.getValues(), model[0], offset);
            } else {
                throw new IllegalStateException("chunk " + c.getChunkIndex() + " of quantity '" + quantityId + "' holds a "
                        + p.getClass().getSimpleName() + ", which is not a chunk form");
            }
        }
        return model;
    }

    private static void copy(List<Double> values, double[] target, int offset) {
        for (int i = 0; i < values.size(); i++) {
            target[offset + i] = values.get(i);
        }
    }
}
