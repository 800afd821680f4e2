package io.bayesfuse.app.learn;

import io.bayesfuse.kernels.learning.Calibration;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.assembly.Learners;
import io.bayesfuse.topology.learning.LearnerStage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The learner stage's bookkeeping in memory, for one partition holding every model: examples are
 * gathered per model and a model's batch is learned when it holds {@code batch} examples, or, before
 * the next example is taken, once stream time (the newest timestamp read) has reached its first
 * example's timestamp plus {@code flushAfterMillis}; due batches are learned in the order of their due
 * times (then model ids), as the stage's schedule store orders them. The learning is the kernels'
 * (the learner the stage builds for the model, restarted from its prior when its posterior fails).
 * At the end of the input, the batches still gathering are learned too (a stream would wait for
 * more input). Not thread-safe.
 */
final class OfflineLearners implements AutoCloseable {

    /** A learned batch: the model, its posterior after it, and the batch's prequential scores. */
    record Learned(String modelId, WeightPosterior posterior, Calibration batchScores, Calibration totalScores,
                   OnlineLearner learner, boolean restarted, String failure) {
    }

    private record Due(long time, String modelId) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : modelId.compareTo(o.modelId);
        }
    }

    private final Map<String, LearnerStage.Model> models;
    private final int nd4jFromDimension;
    private final Map<String, OnlineLearner> learners = new HashMap<>();
    private final Map<String, WeightPosterior> posteriors = new HashMap<>();
    private final Map<String, Calibration> scores = new HashMap<>();
    private final Map<String, List<LabelledExample>> gathering = new HashMap<>();
    private final Map<String, Due> dueOf = new HashMap<>();
    private final TreeSet<Due> schedule = new TreeSet<>();
    private long streamTime = Long.MIN_VALUE;

    OfflineLearners(Map<String, LearnerStage.Model> models, int nd4jFromDimension) {
        this.models = models;
        this.nd4jFromDimension = nd4jFromDimension;
    }

    /** The model of that id, or null when it is not configured. */
    LearnerStage.Model model(String modelId) {
        return models.get(modelId);
    }

    /** Moves stream time to a record's timestamp (never back) and learns the batches due by then. */
    List<Learned> advance(long recordTimestamp) {
        streamTime = Math.max(streamTime, recordTimestamp);
        List<Learned> learned = new ArrayList<>();
        while (!schedule.isEmpty() && schedule.first().time() <= streamTime) {
            learned.add(learnBatch(schedule.first().modelId()));
        }
        return learned;
    }

    /** Gathers a valid example of a model; its batch is learned when full (else null). */
    Learned add(String modelId, LabelledExample example, long recordTimestamp) {
        LearnerStage.Model model = models.get(modelId);
        List<LabelledExample> batch = gathering.computeIfAbsent(modelId, id -> new ArrayList<>());
        if (batch.isEmpty()) {
            Due due = new Due(saturatedSum(recordTimestamp, model.flushAfterMillis()), modelId);
            dueOf.put(modelId, due);
            schedule.add(due);
        }
        batch.add(example);
        return batch.size() >= model.batch() ? learnBatch(modelId) : null;
    }

    /** Learns every batch still gathering, in the order of their due times. */
    List<Learned> finish() {
        List<Learned> learned = new ArrayList<>();
        while (!schedule.isEmpty()) {
            learned.add(learnBatch(schedule.first().modelId()));
        }
        return learned;
    }

    /** Every model that learned at least one batch, with its posterior and its scores over all its examples. */
    Map<String, Learned> models() {
        Map<String, Learned> all = new java.util.TreeMap<>();
        posteriors.forEach((id, p) -> all.put(id, new Learned(id, p, null, scores.get(id), learners.get(id), false, null)));
        return all;
    }

    private Learned learnBatch(String modelId) {
        schedule.remove(dueOf.remove(modelId));
        List<LabelledExample> batch = gathering.remove(modelId);
        LearnerStage.Model model = models.get(modelId);
        OnlineLearner learner = learners.computeIfAbsent(modelId, id -> Learners.create(model.spec(), nd4jFromDimension));
        WeightPosterior posterior = posteriors.getOrDefault(modelId, learner.prior());
        Calibration total = scores.computeIfAbsent(modelId, id -> new Calibration());
        try {
            Calibration batchScores = learner.learn(posterior, batch);
            total.add(batchScores);
            posteriors.put(modelId, posterior);
            return new Learned(modelId, posterior, batchScores, total, learner, false, null);
        } catch (LearningFailedException e) {
            WeightPosterior prior = learner.prior();
            WeightPosterior restarted = new WeightPosterior(prior.form(), prior.dimension(), prior.rank(), prior.precision(),
                    prior.information(), prior.noiseShape(), prior.noiseTerm(), OnlineLearner.batchTime(posterior, batch), 0,
                    posterior.version() + 1);
            posteriors.put(modelId, restarted);
            return new Learned(modelId, restarted, new Calibration(), total, learner, true, e.getMessage());
        }
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }

    @Override
    public void close() {
        learners.values().forEach(OnlineLearner::close);
    }
}
