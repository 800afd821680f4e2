package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.InputChecks;

import java.util.Arrays;

/**
 * Bayesian online changepoint detection (Adams &amp; MacKay 2007, "Bayesian Online Changepoint
 * Detection", Algorithm 1) on one channel: a sensor's whitened innovations or a raw measurement
 * stream. The posterior over the run length r_t (observations since the last change) is updated
 * with each observation x_t:
 * <pre>
 * π_t^(r)   = p(x_t | the run's last r observations)                       predictive (step 3)
 * γ_t(r+1)  = P(r_{t−1} = r | x_{1:t−1}) · π_t^(r) · (1 − H(r))             growth (step 4)
 * γ_t(0)    = Σ_r P(r_{t−1} = r | x_{1:t−1}) · π_t^(r) · H(r)               changepoint (step 5)
 * p(x_t | x_{1:t−1}) = Σ_r P(r_{t−1} = r | x_{1:t−1}) · π_t^(r)               evidence (step 6)
 * P(r_t | x_{1:t}) = γ_t(r_t) / p(x_t | x_{1:t−1})                          (step 7)
 * </pre>
 * then each grown run absorbs x_t into its conjugate statistics and a new run r = 0 starts from the
 * prior (step 8). Probabilities are kept as logarithms; per hypothesis an observation costs the
 * predictive (two logarithms for the Normal-Gamma model, d + 1 for the Normal-Inverse-Wishart), one
 * exponential and the conjugate update. {@link RunLengthPruning} bounds the number of
 * hypotheses, so one observation costs O(K) predictive evaluations and updates (O(K·d²) for the
 * {@link NormalInverseWishart} model); {@link ChangeDecision} turns the posterior into detections.
 *
 * <p>Like the filters, a detector is a preallocated engine and the state a value: the stream keeps one
 * {@link ChangepointState} per channel in its store and calls {@link #observe} with it. Observations
 * are taken in the order given. Not thread-safe (the model keeps work arrays): one per stream thread.
 */
public final class ChangepointDetector {

    private static final String SUBJECT = "changepoint detector";

    private final ConjugateModel model;
    private final Hazard hazard;
    private final RunLengthPruning pruning;
    private final ChangeDecision decision;
    private final int d;
    private final int s;
    private final double logMinProbability;

    private int[] r = new int[0];
    private long[] starts = new long[0];
    private double[] logP = new double[0];
    private double[] statistics = new double[0];
    private double[] joint = new double[0];

    public ChangepointDetector(ConjugateModel model, Hazard hazard, RunLengthPruning pruning, ChangeDecision decision) {
        this.model = model;
        this.hazard = hazard;
        this.pruning = pruning;
        this.decision = decision;
        this.d = model.dimension();
        this.s = model.statisticsLength();
        this.logMinProbability = Math.log(pruning.minProbability());
        ensureCapacity(pruning.maxHypotheses() + 1);
    }

    public ConjugateModel model() {
        return model;
    }

    /** A channel that has seen nothing: one run of length 0, from the prior, with probability 1. */
    public ChangepointState start() {
        double[] prior = new double[s];
        model.writePrior(prior, 0);
        return new ChangepointState(d, 0, true, new int[]{0}, new long[]{ChangepointState.NOT_STARTED},
                new double[]{0.0}, prior);
    }

    /**
     * Takes observation x (d values) made at {@code timestamp}.
     *
     * @throws InvalidInputException    when x has the wrong length or a non-finite value; the state is then unchanged
     * @throws IllegalArgumentException when the state was built by a model of another dimension
     */
    public ChangepointUpdate observe(ChangepointState state, long timestamp, double[] x) {
        InputChecks.requireLength(SUBJECT, "x", x, d, model.toString());
        InputChecks.requireFinite(SUBJECT, "x", x);
        if (state.dimension() != d || state.statisticsLength() != s) {
            throw new IllegalArgumentException("a changepoint state of dimension " + state.dimension() + " with "
                    + state.statisticsLength() + " statistics per run cannot continue under " + model);
        }
        int n = state.size();
        ensureCapacity(n + 1);
        int[] r0 = state.runLengths();
        double[] logP0 = state.logProbabilities();
        double[] stats0 = state.statistics();

        // steps 3 and 6: the joint P(r_{t−1}) · π_t^(r) and the evidence p(x_t | x_{1:t−1}), with
        // wᵢ = exp(jointᵢ − max) computed once for the evidence and the changepoint mass
        double maxJoint = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            joint[i] = logP0[i] + model.logPredictive(r0[i], stats0, i * s, x);
            maxJoint = Math.max(maxJoint, joint[i]);
        }
        if (maxJoint == Double.NEGATIVE_INFINITY || Double.isNaN(maxJoint)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, SUBJECT, "x",
                    "has no finite predictive density under any run length: " + Arrays.toString(x));
        }
        double total = 0;
        double changeTotal = 0;
        for (int i = 0; i < n; i++) {
            double w = Math.exp(joint[i] - maxJoint);
            total += w;
            changeTotal += w * hazard.probability(r0[i]);
        }
        double logEvidence = maxJoint + Math.log(total);

        // step 5: the changepoint mass Σ wᵢ·H(rᵢ) / Σ wᵢ goes to r = 0, which starts from the prior
        r[0] = 0;
        starts[0] = ChangepointState.NOT_STARTED;
        logP[0] = Math.log(changeTotal / total);
        model.writePrior(statistics, 0);

        // steps 4 and 8: every run grows by x_t and absorbs it
        for (int i = 0; i < n; i++) {
            int j = i + 1;
            r[j] = r0[i] + 1;
            starts[j] = r0[i] == 0 ? timestamp : state.runStarts()[i];
            logP[j] = joint[i] + hazard.logComplement(r0[i]) - logEvidence;
            System.arraycopy(stats0, i * s, statistics, j * s, s);
            model.absorb(r0[i], statistics, j * s, x);
        }
        int count = prune(n + 1);

        long observations = state.observations() + 1;
        return decide(state, observations, count, timestamp, logEvidence);
    }

    /** {@link RunLengthPruning}: returns the number of hypotheses kept at the front of the work arrays. */
    private int prune(int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (logP[i] > logP[best]) {
                best = i;
            }
        }
        int kept = 1;   // r = 0 always stays
        double dropped = 0;
        for (int i = 1; i < count; i++) {
            if (logP[i] >= logMinProbability || i == best) {
                move(i, kept++);
            } else {
                dropped += Math.exp(logP[i]);
            }
        }
        while (kept > pruning.maxHypotheses()) {
            int least = 1;
            for (int i = 2; i < kept; i++) {
                if (logP[i] < logP[least]) {
                    least = i;
                }
            }
            dropped += Math.exp(logP[least]);
            for (int i = least + 1; i < kept; i++) {
                move(i, i - 1);
            }
            kept--;
        }
        if (dropped > 0) {
            // the kept probabilities sum to 1 − dropped: renormalise
            double logKept = Math.log1p(-dropped);
            for (int i = 0; i < kept; i++) {
                logP[i] -= logKept;
            }
        }
        return kept;
    }

    private void move(int from, int to) {
        if (from != to) {
            r[to] = r[from];
            starts[to] = starts[from];
            logP[to] = logP[from];
            System.arraycopy(statistics, from * s, statistics, to * s, s);
        }
    }

    private ChangepointUpdate decide(ChangepointState before, long observations, int count, long timestamp, double logEvidence) {
        // runs as long as the stream began with it: no change
        long newest = Math.min(decision.window(), observations - 1);
        double recent = 0;
        int candidate = -1;
        int mostProbable = 0;
        for (int i = 0; i < count; i++) {
            if (logP[i] > logP[mostProbable]) {
                mostProbable = i;
            }
            if (r[i] >= 1 && r[i] <= newest) {
                recent += Math.exp(logP[i]);
                if (candidate < 0 || logP[i] > logP[candidate]) {
                    candidate = i;
                }
            }
        }
        boolean armed = before.armed();
        boolean detected = false;
        long changeStart = ChangepointState.NOT_STARTED;
        int delay = 0;
        if (armed && recent >= decision.threshold()) {
            detected = true;
            armed = false;
            changeStart = starts[candidate];
            delay = r[candidate];
        } else if (!armed && recent < decision.rearm()) {
            armed = true;
        }
        ChangepointState after = new ChangepointState(d, observations, armed, Arrays.copyOf(r, count),
                Arrays.copyOf(starts, count), Arrays.copyOf(logP, count), Arrays.copyOf(statistics, count * s));
        return new ChangepointUpdate(after, detected, changeStart, delay, recent, r[mostProbable], logEvidence);
    }

    private void ensureCapacity(int capacity) {
        if (r.length < capacity) {
            r = new int[capacity];
            starts = new long[capacity];
            logP = new double[capacity];
            joint = new double[capacity];
            statistics = new double[capacity * s];
        }
    }

    @Override
    public String toString() {
        return "changepoint detector (" + model + ", " + hazard + ", " + pruning + ", " + decision + ")";
    }
}
