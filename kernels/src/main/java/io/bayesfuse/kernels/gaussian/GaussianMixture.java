package io.bayesfuse.kernels.gaussian;


import java.util.ArrayList;
import java.util.List;

/**
 * An immutable Gaussian mixture Σₖ wₖ N(xₖ, Pₖ) with weights normalised to sum to 1.
 */
public final class GaussianMixture {

    private final double[] weights;
    private final List<Gaussian> components;

    private GaussianMixture(double[] weights, List<Gaussian> components) {
        this.weights = weights;
        this.components = components;
    }

    /**
     * A mixture from positive (unnormalised) weights and components of one dimension.
     *
     * @throws IllegalArgumentException when the lists differ in size, are empty, a weight is not
     *                                  positive and finite, or dimensions differ
     */
    public static GaussianMixture of(double[] weights, List<Gaussian> components) {
        if (weights.length != components.size() || weights.length == 0) {
            throw new IllegalArgumentException("a mixture needs one positive weight per component, got "
                    + weights.length + " weights for " + components.size() + " components");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("mixture weight " + w + " is not positive and finite");
            }
            sum += w;
        }
        int d = components.get(0).dimension();
        for (Gaussian g : components) {
            if (g.dimension() != d) {
                throw new IllegalArgumentException("mixture components have dimensions " + d + " and " + g.dimension());
            }
        }
        double[] normalised = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            normalised[k] = weights[k] / sum;
        }
        return new GaussianMixture(normalised, List.copyOf(components));
    }

    /**
     * A mixture whose weights are already normalised (e.g. restored from a snapshot), taken exactly
     * as given so that a restore reproduces results bit for bit.
     */
    public static GaussianMixture ofNormalised(double[] weights, List<Gaussian> components) {
        GaussianMixture checked = of(weights, components);
        return new GaussianMixture(weights.clone(), checked.components);
    }

    /** A single Gaussian as a one-component mixture. */
    public static GaussianMixture single(Gaussian g) {
        return new GaussianMixture(new double[]{1.0}, List.of(g));
    }

    public int size() {
        return weights.length;
    }

    public int dimension() {
        return components.get(0).dimension();
    }

    /** The normalised weight of component k. */
    public double weight(int k) {
        return weights[k];
    }

    /** A copy of the normalised weights. */
    public double[] weights() {
        return weights.clone();
    }

    public Gaussian component(int k) {
        return components.get(k);
    }

    public List<Gaussian> components() {
        return components;
    }

    /** The components as a new list of (weight, Gaussian) pairs, e.g. for reduction. */
    public List<Weighted> weighted() {
        List<Weighted> list = new ArrayList<>(size());
        for (int k = 0; k < size(); k++) {
            list.add(new Weighted(weights[k], components.get(k)));
        }
        return list;
    }

    /** A weighted component during reduction. */
    public record Weighted(double weight, Gaussian gaussian) {
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("mixture[");
        for (int k = 0; k < size(); k++) {
            s.append(k == 0 ? "" : ", ").append(weights[k]).append(" ").append(components.get(k));
        }
        return s.append(']').toString();
    }
}
