package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ModelConfig;
import io.bayesfuse.topology.live.ConfigGeneration;
import io.bayesfuse.topology.live.LiveConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;

/**
 * What the learner stage's processor needs: the models (live: the file's {@code models} with the
 * config topic's {@code model/<id>} records applied), the store names, and who publishes.
 *
 * @param config              the validated configuration (its {@code models} and {@code learning} sections)
 * @param posteriorStoreName  the learners' posteriors
 * @param batchStoreName      the mini-batches being gathered
 * @param scheduleStoreName   when each gathered mini-batch is due (stream time)
 * @param configStoreName     the global store of accepted configuration records
 * @param generation          bumped by the global store on each change
 * @param site                this deployment's site: the source id of its learners' posteriors
 */
public record LearnerStage(BayesfuseConfig config, String posteriorStoreName, String batchStoreName, String scheduleStoreName,
                           String configStoreName, ConfigGeneration generation, String site) {

    /** Each model of a configuration as the stage runs it, by model id (ConfigException when one does not fit). */
    public static Map<String, Model> compile(BayesfuseConfig config) {
        long flushDefault = config.learning().flushAfterMillisOr(config.kafka());
        Map<String, Model> models = new HashMap<>();
        for (Map.Entry<String, ModelConfig> e : config.models().entrySet()) {
            ModelConfig m = e.getValue();
            models.put(e.getKey(), new Model(m.toSpec(), m.batchOrDefault(), m.flushAfterMillisOr(flushDefault)));
        }
        return Map.copyOf(models);
    }

    /** The models in force, following the config topic. */
    LiveConfig<Map<String, Model>> models(ProcessorContext<?, ?> context) {
        KeyValueStore<String, ConfigRecord> overrides = context.getStateStore(configStoreName);
        return new LiveConfig<>(config, overrides, generation, LearnerStage::compile);
    }

    int nd4jFromDimension() {
        return config.learning().nd4jFromDimensionOrDefault();
    }

    LearnerStores stores(ProcessorContext<?, ?> context) {
        return new LearnerStores(context.getStateStore(posteriorStoreName), context.getStateStore(batchStoreName),
                context.getStateStore(scheduleStoreName));
    }

    /**
     * A model as the stage runs it.
     *
     * @param batch            examples per block update
     * @param flushAfterMillis how long (stream time) a batch that is not full waits
     */
    public record Model(ModelSpec spec, int batch, long flushAfterMillis) {
    }
}
