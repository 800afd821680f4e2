package io.bayesfuse.kernels.linalg;

/**
 * Packs a symmetric n×n row-major matrix into its upper triangle, row by row (n(n+1)/2 numbers),
 * and back. State snapshots store precisions and covariances this way: half the bytes, and the
 * unpacked matrix is exactly symmetric.
 */
public final class SymmetricPacking {

    private SymmetricPacking() {
    }

    /** The number of packed entries of an n×n symmetric matrix. */
    public static int packedLength(int n) {
        return n * (n + 1) / 2;
    }

    /**
     * The n of an n×n matrix whose packed form has {@code packedLength} entries.
     *
     * @throws IllegalArgumentException when no n fits
     */
    public static int dimensionOf(int packedLength) {
        int n = (int) Math.round((Math.sqrt(8.0 * packedLength + 1) - 1) / 2);
        if (packedLength(n) != packedLength) {
            throw new IllegalArgumentException(packedLength + " entries are not the packed upper triangle of a square matrix");
        }
        return n;
    }

    /** The upper triangle of row-major {@code A} (n×n), row by row. */
    public static double[] pack(double[] A, int n) {
        if (A.length != n * n) {
            throw new IllegalArgumentException("matrix has " + A.length + " entries, expected " + n + "x" + n);
        }
        double[] packed = new double[packedLength(n)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                packed[k++] = A[i * n + j];
            }
        }
        return packed;
    }

    /** The symmetric row-major n×n matrix whose upper triangle is {@code packed}. */
    public static double[] unpack(double[] packed, int n) {
        if (packed.length != packedLength(n)) {
            throw new IllegalArgumentException("packed matrix has " + packed.length + " entries, expected "
                    + packedLength(n) + " for " + n + "x" + n);
        }
        double[] A = new double[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                A[i * n + j] = packed[k];
                A[j * n + i] = packed[k];
                k++;
            }
        }
        return A;
    }
}
