package io.bayesfuse.topology.query;

import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.fusion.FusedPosteriors;
import io.bayesfuse.topology.fusion.StoredQuantity;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import io.bayesfuse.topology.fusion.FusionSelection;
import io.bayesfuse.topology.fusion.SelectedFusion;

/**
 * Turns a stored quantity ({@link StoredQuantity} and its source records) into the fused posterior the stage would publish for it now,
 * under the configuration file's fusion settings for that quantity. Keeps its own compiled rules;
 * thread-safe.
 */
public final class QuantityReader {

    private final FusionSelection fusions;

    public QuantityReader(BayesfuseConfig config) {
        this.fusions = config.hasFusion() ? FusionSelection.compile(config) : null;
    }

    /** True when the configuration fuses posteriors at all. */
    public boolean fuses() {
        return fusions != null;
    }

    /**
     * The current fused posterior, or null when no source contributes or no settings apply to the quantity.
     *
     * @param sources the source store holding the quantity's source records (a local copy)
     */
    public synchronized FusedPosterior read(String quantityId, StoredQuantity stored, ReadOnlyKeyValueStore<String, byte[]> sources) {
        SelectedFusion settings = fusions == null ? null : fusions.forQuantity(quantityId);
        return settings == null ? null : FusedPosteriors.current(quantityId, stored, sources, settings);
    }
}
