package io.bayesfuse.kernels.learning;

/**
 * One observation for a learner: features x, a target y (a number for regression, a class index
 * 0..K−1 for classification, held as a double), a weight w &gt; 0 (the example counts w times: its
 * likelihood is raised to the power w), and its event time.
 */
public record LabelledExample(FeatureVector x, double target, double weight, long time) {

    /** The class index of a classification example. */
    public int classIndex() {
        return (int) target;
    }
}
