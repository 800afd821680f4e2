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

    /**
     * Everything about the settings that shapes the stored state: the rule configuration and, for a
     * track, the motion model. A stored quantity with another fingerprint is rebuilt before it is continued.
     */
    public String fingerprint() {
        return alignment == null ? rules.fingerprint() : rules.fingerprint() + ";motionModel=" + config.motionModel() + "/" + alignment.stateSize();
    }

    /** How many contributing sources a fused posterior lists before it gives only their count and digest. */
    public int listSourcesUpTo() {
        return config.listSourcesUpToOrDefault();
    }

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
