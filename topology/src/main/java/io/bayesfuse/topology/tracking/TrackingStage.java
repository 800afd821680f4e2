package io.bayesfuse.topology.tracking;

import io.bayesfuse.topology.config.BayesfuseConfig;

/**
 * What the tracking stage's processors share: the configuration file, the region store's name and
 * the settings of this deployment. The tracking section is read from the file only (it is not
 * changed through the config topic).
 *
 * @param base            the configuration file, with a tracking section
 * @param regionStoreName the per-region state store
 * @param truthStoreName  the per-region store of truth waiting for the scans of its time
 * @param applicationId   the Kafka Streams application id (metrics tag)
 * @param site            this deployment's name (written into every track estimate)
 */
public record TrackingStage(BayesfuseConfig base, String regionStoreName, String truthStoreName, String applicationId, String site) {

    public long maxFutureMillis() {
        return base.validation().maxFutureMillisOrDefault();
    }
}
