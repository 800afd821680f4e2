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
import io.bayesfuse.topology.live.LiveConfig;
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
 * <li>learn every batch of the task that is due by stream time (gathered for {@code flushAfterMillis}
 * without filling up);</li>
 * <li>find the example's model (the live configuration: models added or changed on the config topic
 * count from the next record) and read the example (bad input is dead-lettered with its reason
 * before anything is written: {@link Examples});</li>
 * <li>add it to the model's mini-batch in the changelogged batch store;</li>
 * <li>when the batch is full: load the model's posterior (the prior at first), let the kernels'
 * learner score the batch and learn from it as one block update, store the posterior, and publish it
 * as this site's source of the model (PosteriorUpdate, or PosteriorChunks when large).</li>
 * </ol>
 * Everything is a function of the input and the stores (stream time included), so exactly once and a
 * restart from the changelog give the output of an uninterrupted run. A learner whose posterior stops
 * being positive definite restarts the model from its prior (logged; its version keeps counting).
 */
public final class ExampleLearnerProcessor implements Processor<String, Example, String, SpecificRecord> {

    /** The child (sink) names of the two outputs. */
    public static final String UPDATES = "learner-posterior-updates-sink";
    public static final String CHUNKS = "learner-posterior-chunks-sink";

    private static final Logger log = LoggerFactory.getLogger(ExampleLearnerProcessor.class);

    private final LearnerStage stage;
    private ProcessorContext<String, SpecificRecord> context;
    private LiveConfig<Map<String, LearnerStage.Model>> models;
    private LearnerStores stores;
    private LearnerMetrics metrics;
    /** Each model's learner, built for the model settings it holds (rebuilt when a live change altered them). */
    private final Map<String, OnlineLearner> learners = new HashMap<>();
    /**
     * No gathered batch of this task is due before this stream time (a bound kept in memory so that most
     * records skip the schedule's range scan; {@link Long#MIN_VALUE}: unknown, scan).
     */
    private long noneDueBefore = Long.MIN_VALUE;

    public ExampleLearnerProcessor(LearnerStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.models = stage.models(context);
        this.stores = stage.stores(context);
        this.metrics = new LearnerMetrics(context.applicationId());
        // ND4J's start-up is paid here, not by the first record: always, since a model that needs it may be added live
        Nd4jRuntime.initialise();
    }

    @Override
    public void process(Record<String, Example> record) {
        Map<String, LearnerStage.Model> current = models.current();
        learnDueBatches(current, context.currentStreamTimeMs());
        String modelId = record.key();
        LearnerStage.Model model = modelOf(current, modelId);
        LabelledExample example = Examples.toKernel(modelId, record.value(), model.spec(), record.timestamp());
        long due = saturatedSum(record.timestamp(), model.flushAfterMillis());
        noneDueBefore = Math.min(noneDueBefore, due);
        if (stores.append(modelId, example, due) >= model.batch()) {
            learnBatch(modelId, model);
        }
    }

    /** Learns the gathered batches that waited their {@code flushAfterMillis} of stream time without filling up. */
    private void learnDueBatches(Map<String, LearnerStage.Model> current, long streamTime) {
        if (streamTime < noneDueBefore) {
            return;
        }
        for (String modelId : stores.due(streamTime)) {
            LearnerStage.Model model = current.get(modelId);
            if (model == null) {
                List<LabelledExample> dropped = stores.drain(modelId);
                log.warn("model '{}' was removed from the configuration: its {} gathered examples are not learned", modelId,
                        dropped.size());
            } else {
                learnBatch(modelId, model);
            }
        }
        noneDueBefore = stores.soonestDue();
    }

    private void learnBatch(String modelId, LearnerStage.Model model) {
        List<LabelledExample> batch = fitting(modelId, model, stores.drain(modelId));
        if (batch.isEmpty()) {
            return;
        }
        WeightPosterior posterior = learn(modelId, model, batch);
        stores.savePosterior(modelId, posterior);
        publish(modelId, posterior);
    }

    /**
     * The gathered examples that fit the model's settings in force: a live change of its number of
     * features or classes leaves examples gathered under the old settings that it cannot learn (logged).
     */
    private static List<LabelledExample> fitting(String modelId, LearnerStage.Model model, List<LabelledExample> gathered) {
        ModelKind kind = model.spec().kind();
        List<LabelledExample> batch = gathered.stream().filter(e -> e.x().dimension() == model.spec().features()
                && (kind == ModelKind.LINEAR || e.target() < model.spec().classes())).toList();
        if (batch.size() < gathered.size()) {
            log.warn("model '{}': {} gathered examples do not fit its changed settings and are not learned", modelId,
                    gathered.size() - batch.size());
        }
        return batch;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }

    private LearnerStage.Model modelOf(Map<String, LearnerStage.Model> current, String modelId) {
        if (modelId == null) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "an example needs its model id as key");
        }
        LearnerStage.Model model = current.get(modelId);
        if (model == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_MODEL, "model '" + modelId.replaceAll("\\p{Cntrl}", "?")
                    + "' is not configured (models." + modelId.replaceAll("\\p{Cntrl}", "?") + ")");
        }
        return model;
    }

    private WeightPosterior learn(String modelId, LearnerStage.Model model, List<LabelledExample> batch) {
        OnlineLearner learner = learnerOf(modelId, model);
        WeightPosterior posterior = currentPosterior(modelId, learner);
        try {
            Calibration scores = learner.learn(posterior, batch);
            metrics.learned(modelId, scores, model.spec().kind() != ModelKind.LINEAR, posterior.time());
            return posterior;
        } catch (LearningFailedException e) {
            log.warn("model '{}': {}; restarting it from its prior", modelId, e.getMessage());
            metrics.restarted(modelId);
            return restarted(learner, posterior, batch);
        }
    }

    /** The model's learner for its current settings (a live change rebuilds it; the posterior stays if it fits). */
    private OnlineLearner learnerOf(String modelId, LearnerStage.Model model) {
        OnlineLearner learner = learners.get(modelId);
        if (learner != null && learner.spec().equals(model.spec())) {
            return learner;
        }
        if (learner != null) {
            learner.close();
        }
        learner = Learners.create(model.spec(), stage.nd4jFromDimension());
        learners.put(modelId, learner);
        return learner;
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
