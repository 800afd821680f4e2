package io.bayesfuse.topology.fusion;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.live.ConfigGeneration;

/**
 * What the fusion stage's processors share: the configuration file, the store names, the live
 * configuration's generation counter and the settings of this deployment.
 *
 * @param base              the configuration file
 * @param quantityStoreName the per-quantity headers ({@link StoredQuantity})
 * @param sourceStoreName   the per-(quantity, source) records
 * @param expiryStoreName   the expiry index
 * @param configStoreName   the global store of accepted configuration records
 * @param generation        bumped by the global store on each change
 * @param applicationId     the Kafka Streams application id (metrics tag)
 */
public record FusionStage(BayesfuseConfig base, String quantityStoreName, String sourceStoreName, String expiryStoreName,
                          String configStoreName, ConfigGeneration generation, String applicationId) {

    public long maxFutureMillis() {
        return base.validation().maxFutureMillisOrDefault();
    }
}
