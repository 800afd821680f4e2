package io.bayesfuse.schemas.serde;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Double>} over a {@code double[]}, for the array fields of generated Avro
 * records: building a record wraps the kernels' arrays without boxing every value, and the
 * serializer writes the values straight from the array ({@link PrimitiveArraysWriter}). It cannot
 * hold a null, and holds its own copy of the values (copying doubles costs far less than boxing them).
 */
public final class DoubleList extends AbstractList<Double> implements RandomAccess {

    private final double[] values;

    private DoubleList(double[] values) {
        this.values = values;
    }

    /** A list of a copy of {@code values}. */
    public static DoubleList copyOf(double[] values) {
        return new DoubleList(values.clone());
    }

    /** A list of every row of {@code rows} in turn (row-major), copied into one array. */
    public static DoubleList rowMajor(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] values = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + columns);
            }
            System.arraycopy(rows[i], 0, values, i * columns, columns);
        }
        return new DoubleList(values);
    }

    @Override
    public Double get(int index) {
        return values[index];
    }

    /** The value at {@code index}, unboxed. */
    public double getDouble(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    /** A copy of the values. */
    public double[] toDoubleArray() {
        return Arrays.copyOf(values, values.length);
    }
}
