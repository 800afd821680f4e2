package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.alignment.TimeAlignment;
import io.bayesfuse.kernels.fusion.trust.TrustSettings;
import io.bayesfuse.topology.assembly.FusionRuleFactory;
import io.bayesfuse.topology.config.FusionConfig;

/**
 * How one quantity is fused, compiled from its settings: the rule factory, the time alignment of a
 * track (null for a static quantity) and the sources' time to live.
 *
 * @param settingsId the settings' id: the quantity id for its own settings, "default" for the default
 * @param config     the settings as configured
 * @param rules      builds and restores the quantity's rule
 * @param alignment  predicts the sources to a common time before fusing; null for a static quantity
 * @param chunkRule  for the chunks of a chunked quantity, the elementwise rule of their form; else null
 */
public record SelectedFusion(String settingsId, FusionConfig config, FusionRuleFactory rules, TimeAlignment alignment,
                             FusionMethod chunkRule) {

    public SelectedFusion(String settingsId, FusionConfig config, FusionRuleFactory rules, TimeAlignment alignment) {
        this(settingsId, config, rules, alignment, null);
    }

    /** The same settings for the chunks of a chunked quantity fused by {@code chunkRule} ({@link FusionRuleFactory#chunkRuleFor}). */
    public SelectedFusion forChunks(FusionMethod rule) {
        return new SelectedFusion(settingsId, config, rules, null, rule);
    }

    /** A new, empty rule: the configured one, or for chunks the chunk rule. */
    public FusionRule newRule() {
        return chunkRule == null ? rules.newRule() : rules.newChunkRule(chunkRule);
    }

    /**
     * Everything about the settings that shapes the stored state: the rule configuration, for a
     * track the motion model, for chunks the chunk rule. A stored quantity with another fingerprint
     * is rebuilt before it is continued.
     */
    public String fingerprint() {
        String f = alignment == null ? rules.fingerprint()
                : rules.fingerprint() + ";motionModel=" + config.motionModel() + "/" + alignment.stateSize();
        if (trust() != null) {
            f = f + ";" + config.trust().fingerprint();
        }
        return chunkRule == null ? f : f + ";chunks=" + chunkRule;
    }

    /** The quantity's source-trust settings, or null (none configured, or the chunks of a chunked quantity). */
    public TrustSettings trust() {
        return config.trust() == null || chunkRule != null ? null : config.trust().toSettings();
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
