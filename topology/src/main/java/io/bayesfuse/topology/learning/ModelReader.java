package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.Example;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.PosteriorSummary;
import io.bayesfuse.kernels.learning.Prediction;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.assembly.Learners;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.live.ConfigOverrides;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers questions about one model from a copy of the learner stage's posterior store (the
 * instance that owns the model's partition): its posterior summary and its predictive distribution
 * for a feature vector. The model's settings are the live ones (the file with the accepted config
 * records applied); a model that has learned nothing yet answers with its prior.
 */
public final class ModelReader {

    private final BayesfuseConfig base;

    public ModelReader(BayesfuseConfig base) {
        this.base = base;
    }

    /**
     * A model's posterior and what it was learned as.
     *
     * @param model     the model's settings in force
     * @param posterior the stored posterior (the prior when it has learned nothing)
     * @param summary   its mean, marginal standard deviations (at most {@code sdLimit}) and noise
     */
    public record ModelView(String modelId, LearnerStage.Model model, WeightPosterior posterior, PosteriorSummary summary) {
    }

    /** The model's view, or null when it is neither configured nor stored here. */
    public ModelView summary(String modelId, ReadOnlyKeyValueStore<String, byte[]> posteriors,
                             ReadOnlyKeyValueStore<String, ConfigRecord> overrides, int sdLimit) {
        LearnerStage.Model model = models(overrides).get(modelId);
        if (model == null) {
            return null;
        }
        try (OnlineLearner learner = Learners.create(model.spec(), base.learning().nd4jFromDimensionOrDefault())) {
            WeightPosterior posterior = posteriorOrPrior(modelId, posteriors, learner);
            return new ModelView(modelId, model, posterior, learner.summarise(posterior, sdLimit));
        }
    }

    /**
     * The predictive distribution of the model for the features of {@code example} (its target and
     * timestamp are ignored), or null when the model is not configured.
     *
     * @throws io.bayesfuse.topology.deadletter.DeadLetterException naming what is wrong with the features
     */
    public Prediction predict(String modelId, Example example, ReadOnlyKeyValueStore<String, byte[]> posteriors,
                              ReadOnlyKeyValueStore<String, ConfigRecord> overrides) {
        LearnerStage.Model model = models(overrides).get(modelId);
        if (model == null) {
            return null;
        }
        LabelledExample x = Examples.toKernel(modelId, example, model.spec(), 0);
        try (OnlineLearner learner = Learners.create(model.spec(), base.learning().nd4jFromDimensionOrDefault())) {
            return learner.predict(posteriorOrPrior(modelId, posteriors, learner), x.x());
        }
    }

    private static WeightPosterior posteriorOrPrior(String modelId, ReadOnlyKeyValueStore<String, byte[]> posteriors,
                                                    OnlineLearner learner) {
        WeightPosterior stored = LearnerStores.readPosterior(posteriors, modelId);
        WeightPosterior prior = learner.prior();
        boolean fits = stored != null && stored.form() == prior.form() && stored.dimension() == prior.dimension()
                && stored.rank() == prior.rank();
        return fits ? stored : prior;
    }

    private Map<String, LearnerStage.Model> models(ReadOnlyKeyValueStore<String, ConfigRecord> overrides) {
        if (overrides == null) {
            return LearnerStage.compile(base);
        }
        List<Map.Entry<String, ConfigRecord>> records = new ArrayList<>();
        try (KeyValueIterator<String, ConfigRecord> all = overrides.all()) {
            while (all.hasNext()) {
                KeyValue<String, ConfigRecord> e = all.next();
                records.add(Map.entry(e.key, e.value));
            }
        }
        BayesfuseConfig live = ConfigOverrides.apply(base, records);
        return LearnerStage.compile(live);
    }
}
