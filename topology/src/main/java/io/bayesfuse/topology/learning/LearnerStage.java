package io.bayesfuse.topology.learning;

import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ModelConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.util.HashMap;
import java.util.Map;

/**
 * What the learner stage's processor needs: the models, the store names, and who publishes.
 *
 * @param config             the validated configuration (its {@code models} and {@code learning} sections)
 * @param posteriorStoreName the learners' posteriors
 * @param batchStoreName     the mini-batches being gathered
 * @param site               this deployment's site: the source id of its learners' posteriors
 */
public record LearnerStage(BayesfuseConfig config, String posteriorStoreName, String batchStoreName, String site) {

    /** Each configured model's specification and batch size, by model id. */
    Map<String, Model> models() {
        Map<String, Model> models = new HashMap<>();
        for (Map.Entry<String, ModelConfig> e : config.models().entrySet()) {
            models.put(e.getKey(), new Model(e.getValue().toSpec(), e.getValue().batchOrDefault()));
        }
        return models;
    }

    int nd4jFromDimension() {
        return config.learning().nd4jFromDimensionOrDefault();
    }

    LearnerStores stores(ProcessorContext<?, ?> context) {
        return new LearnerStores(context.getStateStore(posteriorStoreName), context.getStateStore(batchStoreName));
    }

    /** A model as the stage runs it. */
    record Model(ModelSpec spec, int batch) {
    }
}
