package io.bayesfuse.kernels.extension;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A user model's {@code parameters} as the configuration gives them (numbers, lists of numbers,
 * lists of rows, text), read by name; every error names the parameter, e.g.
 * {@code motion model 'drag': parameters.coefficient is required}.
 */
public final class ModelParameters {

    private final String subject;
    private final Map<String, Object> values;

    /**
     * @param subject names the model in errors, e.g. {@code motion model 'drag'}
     * @param values  the parameters as parsed from YAML or JSON (Number, List, String, Boolean)
     */
    public ModelParameters(String subject, Map<String, ?> values) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.values = values == null ? Map.of() : new TreeMap<>(values);
    }

    public String subject() {
        return subject;
    }

    /** The parameter names given. */
    public java.util.Set<String> names() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A required finite number. */
    public double number(String name) {
        return toNumber(name, require(name));
    }

    /** A finite number, or {@code otherwise} when absent. */
    public double number(String name, double otherwise) {
        return has(name) ? number(name) : otherwise;
    }

    /** A required list of finite numbers. */
    public double[] vector(String name) {
        return toVector(name, require(name));
    }

    /** A required matrix, given as a list of rows of equal length. */
    public double[][] matrix(String name) {
        Object value = require(name);
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            throw wrong(name, Problem.WRONG_DIMENSION, "must be a matrix (a non-empty list of rows), got " + value);
        }
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = toVector(name + "[" + i + "]", rows.get(i));
            if (m[i].length != m[0].length) {
                throw wrong(name, Problem.WRONG_DIMENSION, "row " + i + " has " + m[i].length + " entries, row 0 has " + m[0].length);
            }
        }
        return m;
    }

    /** A required non-empty text. */
    public String text(String name) {
        Object value = require(name);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw wrong(name, Problem.OUT_OF_RANGE, "must be a non-empty text, got " + value);
        }
        return s;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new InvalidInputException(Problem.MISSING, subject, "parameters." + name,
                    "is required (given: " + values.keySet() + ")");
        }
        return value;
    }

    private double toNumber(String name, Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw wrong(name, Problem.NON_FINITE, "must be a finite number, got " + value);
        }
        return n.doubleValue();
    }

    private double[] toVector(String name, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw wrong(name, Problem.WRONG_DIMENSION, "must be a non-empty list of numbers, got " + value);
        }
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = toNumber(name + "[" + i + "]", list.get(i));
        }
        return v;
    }

    private InvalidInputException wrong(String name, Problem problem, String detail) {
        return new InvalidInputException(problem, subject, "parameters." + name, detail);
    }

    @Override
    public String toString() {
        return subject + " parameters " + values;
    }
}
