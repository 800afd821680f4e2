package io.bayesfuse.testsupport;

/** Plain double[][] matrix arithmetic for computing expected filter outputs independently of the kernels. */
public final class PlainMatrix {

    private PlainMatrix() {
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    /** a·v. */
    public static double[] multiply(double[][] a, double[] v) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < v.length; k++) {
                c[i] += a[i][k] * v[k];
            }
        }
        return c;
    }

    /** a + sign·b. */
    public static double[][] add(double[][] a, double[][] b, double sign) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] + sign * b[i][j];
            }
        }
        return c;
    }

    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    public static double[][] identity(int n) {
        double[][] I = new double[n][n];
        for (int i = 0; i < n; i++) {
            I[i][i] = 1;
        }
        return I;
    }

    public static double[][] diagonal(double... values) {
        double[][] D = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            D[i][i] = values[i];
        }
        return D;
    }

    public static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    /** Gauss–Jordan elimination with partial pivoting. */
    public static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double p = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** The block-diagonal matrix with {@code block} repeated {@code times} times. */
    public static double[][] blockDiagonal(double[][] block, int times) {
        int w = block.length;
        double[][] m = new double[w * times][w * times];
        for (int a = 0; a < times; a++) {
            for (int i = 0; i < w; i++) {
                System.arraycopy(block[i], 0, m[a * w + i], a * w, w);
            }
        }
        return m;
    }
}
