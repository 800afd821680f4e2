package io.bayesfuse.kernels.learning.lowrank;

import io.bayesfuse.kernels.learning.algebra.Nd4jRuntime;
import io.bayesfuse.kernels.learning.likelihood.SmallSymmetric;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A precision Λ = diag(δ) + B·Bᵀ with B of p columns (D×p, row-major): solves and quadratic forms
 * by the Woodbury identity Λ⁻¹ = Δ⁻¹ − Δ⁻¹B(I + BᵀΔ⁻¹B)⁻¹BᵀΔ⁻¹, in O(D·p² + p³), and the
 * compression of B to its r leading directions.
 *
 * <p>Compression keeps the rank-r part of BBᵀ with the largest eigenvalues (from the p×p Gram
 * matrix BᵀB = QSQᵀ: V = B·Q_r, so VVᵀ is the best rank-r approximation of BBᵀ) and moves the
 * discarded part's diagonal into δ, so diag(Λ) is kept exactly and the discarded curvature is not
 * lost but treated as uncorrelated — the "diagonal correction" of low-rank-plus-diagonal Gaussians
 * (e.g. Mishkin et al. 2018, SLANG). The products BᵀB and B·Q run on ND4J ({@code Nd4j.gemm}) when
 * D is at least the crossover dimension.
 */
public final class LowRankPrecision {

    private final double[] delta;
    private final double[] B;
    private final int D;
    private final int p;
    private final double[] LA;
    private final double[] DinvB;

    /** Λ = diag(δ) + BBᵀ; the arrays are read, not copied. */
    public LowRankPrecision(double[] delta, double[] B, int D, int p) {
        this.delta = delta;
        this.B = B;
        this.D = D;
        this.p = p;
        this.DinvB = new double[D * p];
        for (int j = 0; j < D; j++) {
            for (int c = 0; c < p; c++) {
                DinvB[j * p + c] = B[j * p + c] / delta[j];
            }
        }
        // A = I + BᵀΔ⁻¹B
        double[] A = new double[p * p];
        for (int j = 0; j < D; j++) {
            int row = j * p;
            for (int a = 0; a < p; a++) {
                double da = DinvB[row + a];
                if (da == 0) {
                    continue;
                }
                for (int b = 0; b <= a; b++) {
                    A[a * p + b] += da * B[row + b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            A[a * p + a] += 1;
            for (int b = 0; b < a; b++) {
                A[b * p + a] = A[a * p + b];
            }
        }
        this.LA = p == 0 ? new double[0] : SmallSymmetric.cholesky(A, p);
        if (p > 0 && LA == null) {
            throw new IllegalStateException("I + BᵀΔ⁻¹B is not positive definite");
        }
    }

    /** δⱼ. */
    public double diagonal(int j) {
        return delta[j];
    }

    /** x = Λ⁻¹g. */
    public double[] solve(double[] g) {
        double[] x = new double[D];
        double[] h = new double[p];
        for (int j = 0; j < D; j++) {
            x[j] = g[j] / delta[j];
            for (int c = 0; c < p; c++) {
                h[c] += B[j * p + c] * x[j];
            }
        }
        if (p > 0) {
            double[] s = SmallSymmetric.solve(LA, h, p);
            for (int j = 0; j < D; j++) {
                double sum = 0;
                for (int c = 0; c < p; c++) {
                    sum += DinvB[j * p + c] * s[c];
                }
                x[j] -= sum;
            }
        }
        return x;
    }

    /** out = Λ·v = δ∘v + B(Bᵀv). */
    public double[] multiply(double[] v) {
        double[] h = new double[p];
        for (int j = 0; j < D; j++) {
            for (int c = 0; c < p; c++) {
                h[c] += B[j * p + c] * v[j];
            }
        }
        double[] out = new double[D];
        for (int j = 0; j < D; j++) {
            double sum = delta[j] * v[j];
            for (int c = 0; c < p; c++) {
                sum += B[j * p + c] * h[c];
            }
            out[j] = sum;
        }
        return out;
    }

    /** h = L_A⁻¹BᵀΔ⁻¹z for a sparse-or-dense row z given by its non-zero (index, value) pairs; zᵀΛ⁻¹z' = Σ zz'/δ − h·h'. */
    public double[] reduce(int[] indices, double[] values, int count) {
        double[] h = new double[p];
        for (int k = 0; k < count; k++) {
            int j = indices[k];
            for (int c = 0; c < p; c++) {
                h[c] += DinvB[j * p + c] * values[k];
            }
        }
        // forward substitution with L_A
        for (int i = 0; i < p; i++) {
            double sum = h[i];
            for (int k = 0; k < i; k++) {
                sum -= LA[i * p + k] * h[k];
            }
            h[i] = sum / LA[i * p + i];
        }
        return h;
    }

    /** (Λ⁻¹)ⱼⱼ for j &lt; limit. */
    public double[] marginalVariances(int limit) {
        double[] variances = new double[limit];
        int[] index = new int[1];
        double[] one = {1.0};
        for (int j = 0; j < limit; j++) {
            index[0] = j;
            double[] h = reduce(index, one, 1);
            double sum = 0;
            for (double v : h) {
                sum += v * v;
            }
            variances[j] = 1.0 / delta[j] - sum;
        }
        return variances;
    }

    /**
     * The compression of diag(δ) + BBᵀ to diag(δ') + VVᵀ with V of rank r (D×r, row-major): returns
     * [δ' (D values), V (D·r values)].
     */
    public static double[] compress(double[] delta, double[] B, int D, int p, int r, boolean nd4j) {
        double[] G = nd4j ? gramNd4j(B, D, p) : gram(B, D, p);
        DMatrixRMaj M = new DMatrixRMaj(p, p, true, G);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(M)) {
            throw new IllegalStateException("eigen-decomposition of the " + p + "x" + p + " Gram matrix failed");
        }
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).getReal(), eig.getEigenvalue(a).getReal()));
        int kept = Math.min(r, p);
        double[] Q = new double[p * r];
        for (int c = 0; c < kept; c++) {
            DMatrixRMaj q = eig.getEigenVector(order[c]);
            for (int a = 0; a < p; a++) {
                Q[a * r + c] = q.get(a, 0);
            }
        }
        double[] V = nd4j ? timesNd4j(B, Q, D, p, r) : times(B, Q, D, p, r);
        double[] result = new double[D + D * r];
        for (int j = 0; j < D; j++) {
            double all = 0;
            for (int c = 0; c < p; c++) {
                all += B[j * p + c] * B[j * p + c];
            }
            double keptSquares = 0;
            for (int c = 0; c < r; c++) {
                keptSquares += V[j * r + c] * V[j * r + c];
            }
            result[j] = delta[j] + Math.max(0, all - keptSquares);
        }
        System.arraycopy(V, 0, result, D, D * r);
        return result;
    }

    private static double[] gram(double[] B, int D, int p) {
        double[] G = new double[p * p];
        for (int j = 0; j < D; j++) {
            int row = j * p;
            for (int a = 0; a < p; a++) {
                double ba = B[row + a];
                if (ba == 0) {
                    continue;
                }
                for (int b = 0; b <= a; b++) {
                    G[a * p + b] += ba * B[row + b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                G[b * p + a] = G[a * p + b];
            }
        }
        return G;
    }

    private static double[] times(double[] B, double[] Q, int D, int p, int r) {
        double[] V = new double[D * r];
        for (int j = 0; j < D; j++) {
            for (int a = 0; a < p; a++) {
                double ba = B[j * p + a];
                if (ba == 0) {
                    continue;
                }
                for (int c = 0; c < r; c++) {
                    V[j * r + c] += ba * Q[a * r + c];
                }
            }
        }
        return V;
    }

    private static double[] gramNd4j(double[] B, int D, int p) {
        Nd4jRuntime.initialise();
        try (INDArray b = Nd4j.create(B, new long[]{D, p}, 'c');
             INDArray g = Nd4j.gemm(b, b, true, false)) {
            return g.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
    }

    private static double[] timesNd4j(double[] B, double[] Q, int D, int p, int r) {
        Nd4jRuntime.initialise();
        try (INDArray b = Nd4j.create(B, new long[]{D, p}, 'c');
             INDArray q = Nd4j.create(Q, new long[]{p, r}, 'c');
             INDArray v = Nd4j.gemm(b, q, false, false)) {
            return v.dup('c').data().asDouble();
        }
    }
}
