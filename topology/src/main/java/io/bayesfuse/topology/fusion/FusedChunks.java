package io.bayesfuse.topology.fusion;

import io.bayesfuse.schemas.serde.DoubleList;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationSlice;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.state.SourceSetDigest;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.TreeMap;

/** Builds the {@link FusedChunk} record of a chunk's fused result (maps sorted: replays write the same bytes). */
public final class FusedChunks {

    private FusedChunks() {
    }

    /**
     * @return the record, or null when no source contributes to the chunk (a tombstone on fused-chunks)
     */
    public static FusedChunk of(String quantityId, String method, StoredQuantity.ChunkGeometry chunk, QuantityFusion.Fused fused,
                                String updatedSource, Long updatedVersion, Lineage lineage, FusionChange change) {
        FusionResult result = fused.result();
        if (result instanceof FusionResult.NoSources) {
            return null;
        }
        return FusedChunk.newBuilder()
                .setQuantityId(quantityId)
                .setMethod(method)
                .setChunkIndex(chunk.index())
                .setChunkCount(chunk.count())
                .setOffset(chunk.offset())
                .setLength(chunk.length())
                .setTimestamp(null)
                .setPosterior(posterior(result))
                .setSources(fused.sources() == null ? new TreeMap<>() : new TreeMap<>(fused.sources()))
                .setSourceCount(fused.sourceCount())
                .setSourcesDigest(SourceSetDigest.hex(fused.digest()))
                .setUpdatedSource(updatedSource)
                .setUpdatedVersion(updatedVersion)
                .setChange(change)
                .setLineage(lineage)
                .build();
    }

    /**
     * The current fused slice of a stored chunk, as the stage would publish it now (for queries);
     * null when no source contributes or the quantity's settings cannot fuse the chunk's rule.
     *
     * @param sources the chunk source store holding the chunk's records (a local copy: nothing is written)
     */
    public static FusedChunk current(String fusionKey, StoredQuantity stored, ReadOnlyKeyValueStore<String, byte[]> sources,
                                     SelectedFusion quantitySettings) {
        if (stored.isLegacy() || stored.chunk() == null) {
            return null;
        }
        SelectedFusion settings = quantitySettings.forChunks(stored.header().rule().method());
        QuantityFusion quantity = QuantityFusion.of(settings, stored, StoreSourceTable.readOnly(sources, fusionKey));
        QuantityFusion.Fused fused = quantity.result();
        if (fused.result() instanceof FusionResult.NotPositiveDefinite) {
            return null;
        }
        return of(Chunks.quantityOf(fusionKey), settings.method(), stored.chunk(), fused, null, null, null, null);
    }

    private static Object posterior(FusionResult result) {
        if (result instanceof FusionResult.FisherPosterior f) {
            return new FisherPosterior(list(f.mean()), list(f.fisherDiagonal()));
        }
        if (result instanceof FusionResult.DiagonalPosterior d) {
            return new GaussianPosterior(list(d.mean()), new DiagonalCovariance(list(d.variances())));
        }
        if (result instanceof FusionResult.InformationSlice s) {
            return new InformationSlice(s.dimension(), list(s.values()));
        }
        throw new IllegalArgumentException("not a chunk's result: " + result);
    }

    private static List<Double> list(double[] values) {
        return DoubleList.copyOf(values);
    }
}
