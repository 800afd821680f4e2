package io.bayesfuse.kernels.learning;

import java.util.Arrays;

/**
 * An example's features x: dense, sparse (indices and values of a vector of a given dimension), or
 * another vector with a constant 1 appended (the bias input of a last-layer head). Only what the
 * learners need: inner products with a block of the weights, scattering into a design row, and
 * weighted sums of squares (the projected variance under a diagonal covariance).
 */
public sealed interface FeatureVector permits FeatureVector.Dense, FeatureVector.Sparse, FeatureVector.WithBias {

    /** d, the length of x. */
    int dimension();

    /** Σⱼ xⱼ·w[offset + j]. */
    double dot(double[] w, int offset);

    /** row[offset + j] += scale·xⱼ for every j. */
    void scatter(double[] row, int offset, double scale);

    /** Σⱼ v[offset + j]·xⱼ². */
    double weightedSquares(double[] v, int offset);

    /** The first non-finite value, as "index i is NaN", or null when every value is finite. */
    String firstNonFinite();

    /** Calls {@code entry} with every stored (index, value), zeros of a dense vector included. */
    void forEach(Entry entry);

    /** One (index, value) of a feature vector. */
    @FunctionalInterface
    interface Entry {
        void accept(int index, double value);
    }

    /** x as a dense array. */
    default double[] toArray() {
        double[] x = new double[dimension()];
        scatter(x, 0, 1.0);
        return x;
    }

    /** Every feature given. */
    record Dense(double[] values) implements FeatureVector {

        public Dense {
            values = values.clone();
        }

        @Override
        public int dimension() {
            return values.length;
        }

        @Override
        public double dot(double[] w, int offset) {
            double sum = 0;
            for (int j = 0; j < values.length; j++) {
                sum += values[j] * w[offset + j];
            }
            return sum;
        }

        @Override
        public void scatter(double[] row, int offset, double scale) {
            for (int j = 0; j < values.length; j++) {
                row[offset + j] += scale * values[j];
            }
        }

        @Override
        public double weightedSquares(double[] v, int offset) {
            double sum = 0;
            for (int j = 0; j < values.length; j++) {
                sum += v[offset + j] * values[j] * values[j];
            }
            return sum;
        }

        @Override
        public String firstNonFinite() {
            for (int j = 0; j < values.length; j++) {
                if (!Double.isFinite(values[j])) {
                    return "value at index " + j + " is " + values[j];
                }
            }
            return null;
        }

        @Override
        public void forEach(Entry entry) {
            for (int j = 0; j < values.length; j++) {
                entry.accept(j, values[j]);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dense other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /**
     * The non-zero features of a d-dimensional vector: distinct indices in [0, d), in any order.
     * Construction checks the shape only; {@link #problem()} says what else is wrong.
     */
    record Sparse(int dimension, int[] indices, double[] values) implements FeatureVector {

        public Sparse {
            indices = indices.clone();
            values = values.clone();
            if (indices.length != values.length) {
                throw new IllegalArgumentException("sparse features: " + indices.length + " indices but " + values.length + " values");
            }
        }

        /** What makes the indices unusable (out of [0, d), repeated), or null. */
        public String problem() {
            int[] sorted = indices.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < sorted.length; k++) {
                if (sorted[k] < 0 || sorted[k] >= dimension) {
                    return "index " + sorted[k] + " is outside [0, " + dimension + ")";
                }
                if (k > 0 && sorted[k] == sorted[k - 1]) {
                    return "index " + sorted[k] + " appears twice";
                }
            }
            return null;
        }

        @Override
        public double dot(double[] w, int offset) {
            double sum = 0;
            for (int k = 0; k < indices.length; k++) {
                sum += values[k] * w[offset + indices[k]];
            }
            return sum;
        }

        @Override
        public void scatter(double[] row, int offset, double scale) {
            for (int k = 0; k < indices.length; k++) {
                row[offset + indices[k]] += scale * values[k];
            }
        }

        @Override
        public double weightedSquares(double[] v, int offset) {
            double sum = 0;
            for (int k = 0; k < indices.length; k++) {
                sum += v[offset + indices[k]] * values[k] * values[k];
            }
            return sum;
        }

        @Override
        public String firstNonFinite() {
            for (int k = 0; k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    return "value of index " + indices[k] + " is " + values[k];
                }
            }
            return null;
        }

        @Override
        public void forEach(Entry entry) {
            for (int k = 0; k < indices.length; k++) {
                entry.accept(indices[k], values[k]);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sparse other && dimension == other.dimension && Arrays.equals(indices, other.indices)
                    && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
        }
    }

    /** {@code inner} followed by a constant 1: the bias input of a head over a frozen network's features. */
    record WithBias(FeatureVector inner) implements FeatureVector {

        @Override
        public int dimension() {
            return inner.dimension() + 1;
        }

        @Override
        public double dot(double[] w, int offset) {
            return inner.dot(w, offset) + w[offset + inner.dimension()];
        }

        @Override
        public void scatter(double[] row, int offset, double scale) {
            inner.scatter(row, offset, scale);
            row[offset + inner.dimension()] += scale;
        }

        @Override
        public double weightedSquares(double[] v, int offset) {
            return inner.weightedSquares(v, offset) + v[offset + inner.dimension()];
        }

        @Override
        public String firstNonFinite() {
            return inner.firstNonFinite();
        }

        @Override
        public void forEach(Entry entry) {
            inner.forEach(entry);
            entry.accept(inner.dimension(), 1.0);
        }
    }
}
