package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * Draws the examples of an {@link ExampleProblem} in time order from one seeded random stream: the
 * same problem and seed give the same examples, every time.
 */
public final class ExampleGenerator {

    private final ExampleProblem problem;
    private final SplitMix64 random;
    /** The true weights, row-major: output k's weights at [k·d, (k+1)·d). */
    private final double[] w;
    private long drawn;
    private long weightsTime;

    public ExampleGenerator(ExampleProblem problem, long seed) {
        this.problem = problem;
        this.random = new SplitMix64(seed);
        int d = problem.features();
        this.w = new double[problem.outputs() * d];
        double sd = problem.signalScale() / Math.sqrt(d);
        for (int i = 0; i < w.length; i++) {
            w[i] = sd * random.nextGaussian();
        }
    }

    public ExampleProblem problem() {
        return problem;
    }

    /** True while the problem's maximum has not been drawn. */
    public boolean hasNext() {
        return drawn < problem.maxExamples();
    }

    /** The time of the next example (ms since the start). */
    public long nextTime() {
        return problem.timeOf(drawn);
    }

    /** The next example: the weights drift to its time, then x and y are drawn. */
    public SimulatedExample next() {
        long time = nextTime();
        drift(time);
        int d = problem.features();
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = random.nextGaussian();
        }
        double y = switch (problem.kind()) {
            case REGRESSION -> linear(x, 0) + Math.sqrt(problem.noiseVariance()) * random.nextGaussian();
            case LOGISTIC -> random.nextDouble() < 1.0 / (1.0 + Math.exp(-linear(x, 0))) ? 1 : 0;
            case SOFTMAX -> drawClass(x);
        };
        drawn++;
        return new SimulatedExample(problem.modelId(), time, x, y, w.clone());
    }

    /** The random walk of every weight from the last example's time to {@code time}: N(0, q·Δt) steps. */
    private void drift(long time) {
        double seconds = (time - weightsTime) / 1000.0;
        weightsTime = time;
        if (problem.driftPerSecond() == 0 || seconds <= 0) {
            return;
        }
        double step = Math.sqrt(problem.driftPerSecond() * seconds);
        for (int i = 0; i < w.length; i++) {
            w[i] += step * random.nextGaussian();
        }
    }

    /** w_kᵀx. */
    private double linear(double[] x, int k) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += w[k * x.length + j] * x[j];
        }
        return sum;
    }

    /** A class drawn from softmax(w_1ᵀx, …, w_Kᵀx), by inverting its cumulative distribution. */
    private int drawClass(double[] x) {
        int classes = problem.classes();
        double[] score = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            score[k] = linear(x, k);
            max = Math.max(max, score[k]);
        }
        double total = 0;
        for (int k = 0; k < classes; k++) {
            score[k] = Math.exp(score[k] - max);
            total += score[k];
        }
        double u = random.nextDouble() * total;
        for (int k = 0; k < classes - 1; k++) {
            u -= score[k];
            if (u < 0) {
                return k;
            }
        }
        return classes - 1;
    }
}
