package io.bayesfuse.topology.filtering;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.live.ConfigGeneration;

/**
 * What the filter stage's processors share: the configuration file, the store names, the live
 * configuration's generation counter and the settings of this deployment.
 *
 * @param base            the configuration file
 * @param entityStoreName the per-entity state store
 * @param sensorStoreName the per-(partition, sensor) state store: changepoint detectors, learned R
 * @param scheduleStoreName the entities' schedule: when each is due for eviction or prediction
 *                        ({@link io.bayesfuse.topology.filtering.ScheduleKeys})
 * @param configStoreName the global store of accepted configuration records
 * @param generation      bumped by the global store on each change
 * @param applicationId   the Kafka Streams application id (metrics tag)
 * @param site            this deployment's name (written into every estimate)
 */
public record FilterStage(BayesfuseConfig base, String entityStoreName, String sensorStoreName, String scheduleStoreName,
                          String configStoreName, ConfigGeneration generation, String applicationId, String site) {

    public long maxFutureMillis() {
        return base.validation().maxFutureMillisOrDefault();
    }
}
