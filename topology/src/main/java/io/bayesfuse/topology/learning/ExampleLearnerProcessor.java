package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Example;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.assembly.Learners;
import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.ModelKind;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.algebra.Nd4jRuntime;
import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.metrics.LearnerMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learner stage: one example in; every {@code batch} examples of a model, its posterior out.
 * <ol>
 * <li>find the example's model and read the example (bad input is dead-lettered with its reason
 * before anything is written: {@link Examples});</li>
 * <li>add it to the model's mini-batch in the changelogged batch store;</li>
 * <li>when the batch is full: load the model's posterior (the prior at first), let the kernels'
 * learner score the batch and learn from it as one block update, store the posterior, and publish it
 * as this site's source of the model (PosteriorUpdate, or PosteriorChunks when large).</li>
 * </ol>
 * Everything is a function of the input and the stores, so exactly once and a restart from the
 * changelog give the output of an uninterrupted run. A learner whose posterior stops being positive
 * definite restarts the model from its prior (logged; its version keeps counting).
 */
public final class ExampleLearnerProcessor implements Processor<String, Example, String, SpecificRecord> {

    /** The child (sink) names of the two outputs. */
    public static final String UPDATES = "learner-posterior-updates-sink";
    public static final String CHUNKS = "learner-posterior-chunks-sink";

    private static final Logger log = LoggerFactory.getLogger(ExampleLearnerProcessor.class);

    private final LearnerStage stage;
    private ProcessorContext<String, SpecificRecord> context;
    private Map<String, LearnerStage.Model> models;
    private LearnerStores stores;
    private LearnerMetrics metrics;
    private final Map<String, OnlineLearner> learners = new HashMap<>();

    public ExampleLearnerProcessor(LearnerStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.models = stage.models();
        this.stores = stage.stores(context);
        this.metrics = new LearnerMetrics(context.applicationId());
        boolean nd4j = models.values().stream().anyMatch(m -> m.spec().parameters() >= stage.nd4jFromDimension());
        if (nd4j) {
            Nd4jRuntime.initialise();   // paid at start-up, not by the first record
        }
    }

    @Override
    public void process(Record<String, Example> record) {
        String modelId = record.key();
        LearnerStage.Model model = modelOf(modelId);
        LabelledExample example = Examples.toKernel(modelId, record.value(), model.spec(), record.timestamp());
        if (stores.append(modelId, example) >= model.batch()) {
            WeightPosterior posterior = learn(modelId, model, stores.drain(modelId));
            stores.savePosterior(modelId, posterior);
            publish(modelId, posterior);
        }
    }

    private LearnerStage.Model modelOf(String modelId) {
        if (modelId == null) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "an example needs its model id as key");
        }
        LearnerStage.Model model = models.get(modelId);
        if (model == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_MODEL, "model '" + modelId.replaceAll("\\p{Cntrl}", "?")
                    + "' is not configured (models." + modelId.replaceAll("\\p{Cntrl}", "?") + ")");
        }
        return model;
    }

    private WeightPosterior learn(String modelId, LearnerStage.Model model, List<LabelledExample> batch) {
        OnlineLearner learner = learners.computeIfAbsent(modelId, id -> Learners.create(model.spec(), stage.nd4jFromDimension()));
        WeightPosterior posterior = currentPosterior(modelId, learner);
        try {
            Calibration scores = learner.learn(posterior, batch);
            metrics.learned(modelId, scores, model.spec().kind() != ModelKind.LINEAR);
            return posterior;
        } catch (LearningFailedException e) {
            log.warn("model '{}': {}; restarting it from its prior", modelId, e.getMessage());
            metrics.restarted(modelId);
            return restarted(learner, posterior, batch);
        }
    }

    /** The stored posterior, or the prior when there is none or it no longer fits the model's settings. */
    private WeightPosterior currentPosterior(String modelId, OnlineLearner learner) {
        WeightPosterior stored = stores.loadPosterior(modelId);
        WeightPosterior prior = learner.prior();
        if (stored == null) {
            return prior;
        }
        if (stored.form() != prior.form() || stored.dimension() != prior.dimension() || stored.rank() != prior.rank()) {
            log.warn("model '{}': the stored posterior ({} weights, {}) does not fit its settings ({} weights, {}); restarting"
                    + " it from its prior", modelId, stored.dimension(), stored.form(), prior.dimension(), prior.form());
            return restarted(learner, stored, List.of());
        }
        return stored;
    }

    /** The prior, counted as one batch after {@code old} (so its version stays newer), at the batch's time. */
    private static WeightPosterior restarted(OnlineLearner learner, WeightPosterior old, List<LabelledExample> batch) {
        WeightPosterior prior = learner.prior();
        long time = OnlineLearner.batchTime(old, batch);
        return new WeightPosterior(prior.form(), prior.dimension(), prior.rank(), prior.precision(), prior.information(),
                prior.noiseShape(), prior.noiseTerm(), time, 0, old.version() + 1);
    }

    private void publish(String modelId, WeightPosterior posterior) {
        long timestamp = posterior.time() == WeightPosterior.NO_TIME ? context.currentStreamTimeMs() : posterior.time();
        if (!LearnerPublications.chunked(posterior.form(), posterior.dimension())) {
            context.forward(new Record<>(modelId, LearnerPublications.update(modelId, stage.site(), posterior), timestamp), UPDATES);
            return;
        }
        PosteriorChunks chunks = LearnerPublications.chunks(modelId, stage.site(), posterior);
        for (int i = 0; i < chunks.count(); i++) {
            context.forward(new Record<>(PosteriorChunks.key(modelId, i), chunks.chunk(i), timestamp), CHUNKS);
        }
    }

    @Override
    public void close() {
        learners.values().forEach(OnlineLearner::close);
        learners.clear();
    }
}
