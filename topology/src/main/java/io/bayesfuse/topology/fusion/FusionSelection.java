package io.bayesfuse.topology.fusion;

import io.bayesfuse.topology.assembly.AlignmentFactory;
import io.bayesfuse.topology.assembly.FusionRuleFactory;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.FusionConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The fusion settings of one configuration, compiled: the default (the {@code fusion} section) and
 * each quantity's own ({@code quantities.<id>}), each with its rule factory and, for tracks, its
 * time alignment (both built in {@code io.bayesfuse.topology.assembly}). Compiled once per
 * configuration change, never per record.
 */
public final class FusionSelection {

    private final SelectedFusion defaultFusion;
    private final Map<String, SelectedFusion> quantities;
    private final Long smallestTtlMillis;

    private FusionSelection(SelectedFusion defaultFusion, Map<String, SelectedFusion> quantities) {
        this.defaultFusion = defaultFusion;
        this.quantities = quantities;
        Long smallest = defaultFusion == null ? null : defaultFusion.sourceTtlMillis();
        for (SelectedFusion q : quantities.values()) {
            Long ttl = q.sourceTtlMillis();
            if (ttl != null && (smallest == null || ttl < smallest)) {
                smallest = ttl;
            }
        }
        this.smallestTtlMillis = smallest;
    }

    /**
     * Builds the fusion of every configured quantity of a validated configuration.
     *
     * @throws ConfigException when the parts do not fit together (a flat prior whose size is not the
     *                         motion model's state size)
     */
    public static FusionSelection compile(BayesfuseConfig config) {
        SelectedFusion defaultFusion = config.fusion() == null ? null
                : select(config, BayesfuseConfig.DEFAULT_QUANTITY_SETTINGS, config.fusion(), "fusion");
        Map<String, SelectedFusion> quantities = new HashMap<>();
        config.quantities().forEach((id, q) -> quantities.put(id, select(config, id, q, "quantities." + id)));
        return new FusionSelection(defaultFusion, Map.copyOf(quantities));
    }

    private static SelectedFusion select(BayesfuseConfig config, String id, FusionConfig fusion, String path) {
        return new SelectedFusion(id, fusion, new FusionRuleFactory(fusion), AlignmentFactory.alignment(config, fusion, path));
    }

    /** How {@code quantityId} is fused: its own settings, else the default; null when neither is configured. */
    public SelectedFusion forQuantity(String quantityId) {
        SelectedFusion own = quantities.get(quantityId);
        return own != null ? own : defaultFusion;
    }

    /** The smallest source time to live of any settings, or null when no source ever expires. */
    public Long smallestTtlMillis() {
        return smallestTtlMillis;
    }
}
