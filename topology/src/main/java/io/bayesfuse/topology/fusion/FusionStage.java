package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.live.ConfigGeneration;
import io.bayesfuse.topology.live.LiveConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

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

    /** The live fusion settings, as the task's processor sees them (the file's, overridden by the config topic). */
    LiveConfig<FusionSelection> selection(ProcessorContext<?, ?> context) {
        KeyValueStore<String, ConfigRecord> config = context.getStateStore(configStoreName);
        return new LiveConfig<>(base, config, generation, FusionSelection::compile);
    }

    /**
     * The task's fusion stores.
     *
     * @param decodedDoubles how many doubles of the quantities saved last it keeps decoded (0: none)
     */
    FusionStores stores(ProcessorContext<?, ?> context, long decodedDoubles) {
        return new FusionStores(context.getStateStore(quantityStoreName), context.getStateStore(sourceStoreName),
                context.getStateStore(expiryStoreName), decodedDoubles);
    }
}
