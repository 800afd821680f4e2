package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.alignment.TimeAlignment;
import io.bayesfuse.topology.config.FusionConfig;

/**
 * How one quantity is fused, compiled from its settings: the rule factory, the time alignment of a
 * track (null for a static quantity) and the sources' time to live.
 *
 * @param settingsId the settings' id: the quantity id for its own settings, "default" for the default
 * @param config     the settings as configured
 * @param rules      builds and restores the quantity's rule
 * @param alignment  predicts the sources to a common time before fusing; null for a static quantity
 */
public record SelectedFusion(String settingsId, FusionConfig config, FusionRuleFactory rules, TimeAlignment alignment) {

    /** The configured method name, as written into every fused posterior. */
    public String method() {
        return config.method();
    }

    /** The sources' time to live in event time, or null to keep them until they are retracted. */
    public Long sourceTtlMillis() {
        return config.sourceTtlMillis();
    }

    public boolean isDynamic() {
        return alignment != null;
    }
}
