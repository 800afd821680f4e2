package io.bayesfuse.topology.fusion;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.live.ConfigGeneration;

/**
 * What the fusion stage's processors share: the configuration file, the store names, the live
 * configuration's generation counter and the settings of this deployment.
 *
 * @param base              the configuration file
 * @param quantityStoreName the per-quantity state store
 * @param configStoreName   the global store of accepted configuration records
 * @param generation        bumped by the global store on each change
 * @param applicationId     the Kafka Streams application id (metrics tag)
 * @param sweepBudget       quantities visited per punctuation
 */
public record FusionStage(BayesfuseConfig base, String quantityStoreName, String configStoreName,
                          ConfigGeneration generation, String applicationId, int sweepBudget) {

    public long maxFutureMillis() {
        return base.validation().maxFutureMillisOrDefault();
    }
}
