package io.bayesfuse.topology.fusion;

import io.bayesfuse.schemas.serde.DoubleList;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MixtureComponent;
import io.bayesfuse.avro.MixturePosterior;
import io.bayesfuse.avro.SamplePosterior;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.fusion.state.SourceSetDigest;
import io.bayesfuse.kernels.gaussian.Gaussian;

import io.bayesfuse.kernels.fusion.state.InMemorySourceTable;
import io.bayesfuse.kernels.fusion.state.SourceTable;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds the {@link FusedPosterior} record of a fused result. Its maps (sources, weights) are
 * sorted by source id, so that a replay of the same input writes the same bytes.
 */
public final class FusedPosteriors {

    private FusedPosteriors() {
    }

    /**
     * @param quantityId    the quantity
     * @param method        the configured method name
     * @param fused         the fused result (not {@link FusionResult.NotPositiveDefinite}: the caller
     *                      reports that as a failure)
     * @param updatedSource  the source whose change produced it
     * @param updatedVersion the version of that change
     * @param lineage        the input record behind it, or null
     * @param change         what changed
     * @return the record, or null when no source contributes (the quantity's fused posterior is
     * deleted: a tombstone on the fused topic)
     */
    public static FusedPosterior of(String quantityId, String method, QuantityFusion.Fused fused, String updatedSource,
                                    Long updatedVersion, Lineage lineage, FusionChange change) {
        FusionResult result = fused.result();
        if (result instanceof FusionResult.NoSources) {
            return null;
        }
        return FusedPosterior.newBuilder()
                .setQuantityId(quantityId)
                .setMethod(method)
                .setTimestamp(fused.timeMillis() == null ? null : Instant.ofEpochMilli(fused.timeMillis()))
                .setPosterior(posterior(result))
                .setSources(fused.sources() == null ? new TreeMap<>() : PublishedSources.of(fused.sources())) // read-only, sorted
                .setWeights(fused.weights() == null ? null : new TreeMap<>(fused.weights()))
                .setUpdatedSource(updatedSource)
                .setLineage(lineage)
                .setChange(change)
                .setUpdatedVersion(updatedVersion)
                .setSourceCount(fused.sourceCount())
                .setSourcesDigest(SourceSetDigest.hex(fused.digest()))
                .setQuarantined(PublishedSources.of(fused.quarantined())) // read-only, sorted; null without trust
                .build();
    }

    /**
     * The current fused posterior of a stored quantity, as the stage would publish it now (for
     * queries of the quantity store); null when no source contributes. Reads the quantity's source
     * records from {@code sources} (its own copy: nothing is written).
     *
     * @param settings how the quantity is fused now ({@link FusionSelection#forQuantity})
     */
    public static FusedPosterior current(String quantityId, StoredQuantity stored, ReadOnlyKeyValueStore<String, byte[]> sources,
                                         SelectedFusion settings) {
        SourceTable table = stored.isLegacy() ? new InMemorySourceTable() : StoreSourceTable.readOnly(sources, quantityId);
        return current(quantityId, QuantityFusion.of(settings, stored, table));
    }

    /** The current fused posterior of a quantity loaded by the caller; null when no source contributes. */
    public static FusedPosterior current(String quantityId, QuantityFusion quantity) {
        QuantityFusion.Fused fused = quantity.result();
        if (fused.result() instanceof FusionResult.NotPositiveDefinite) {
            return null;
        }
        return of(quantityId, quantity.settings().method(), fused, null, null, null, null);
    }

    private static Object posterior(FusionResult result) {
        if (result instanceof FusionResult.GaussianPosterior g) {
            return gaussian(g.posterior());
        }
        if (result instanceof FusionResult.IntersectionPosterior ci) {
            return gaussian(ci.posterior());
        }
        if (result instanceof FusionResult.FisherPosterior f) {
            return new FisherPosterior(list(f.mean()), list(f.fisherDiagonal()));
        }
        if (result instanceof FusionResult.MixturePosterior m) {
            GaussianMixture mixture = m.mixture();
            List<MixtureComponent> components = new ArrayList<>(mixture.size());
            for (int k = 0; k < mixture.size(); k++) {
                Gaussian c = mixture.component(k);
                components.add(new MixtureComponent(mixture.weight(k), list(c.mean()), new FullCovariance(matrix(c.covariance()))));
            }
            return new MixturePosterior(components);
        }
        if (result instanceof FusionResult.SamplePosterior s) {
            return new SamplePosterior(matrix(s.draws()), null);
        }
        throw new IllegalArgumentException("no posterior to publish: " + result);
    }

    private static GaussianPosterior gaussian(Gaussian g) {
        return new GaussianPosterior(list(g.mean()), new FullCovariance(matrix(g.covariance())));
    }

    private static Matrix matrix(double[][] rows) {
        int n = rows.length;
        return new Matrix(n, n == 0 ? 0 : rows[0].length, DoubleList.rowMajor(rows));
    }

    private static List<Double> list(double[] values) {
        return DoubleList.copyOf(values);
    }
}
