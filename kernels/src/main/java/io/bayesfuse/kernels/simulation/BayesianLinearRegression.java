package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Conjugate Bayesian linear regression y = wᵀx + ε, ε ~ N(0, σ²), prior w ~ N(0, α⁻¹I)
 * (Bishop 2006, "Pattern Recognition and Machine Learning", §3.3.1), kept in information form:
 * <pre>
 * Λ = α·I + σ⁻²·Σ xxᵀ        η = σ⁻²·Σ x·y        mean = Λ⁻¹·η
 * </pre>
 * Shards that each start from the same prior can be fused exactly with the product rule
 * (Σ Λᵢ − (K−1)·α·I), which gives the posterior of all the data together.
 */
public final class BayesianLinearRegression {

    private final double priorPrecision;
    private final double noiseVariance;
    private final double[][] precision;
    private final double[] information;
    private long observations;

    /**
     * @param dimension      d, the number of weights
     * @param priorPrecision α &gt; 0
     * @param noiseVariance  σ² &gt; 0
     */
    public BayesianLinearRegression(int dimension, double priorPrecision, double noiseVariance) {
        if (dimension < 1 || !(priorPrecision > 0) || !(noiseVariance > 0)) {
            throw new IllegalArgumentException("need dimension >= 1, prior precision > 0 and noise variance > 0, got "
                    + dimension + ", " + priorPrecision + ", " + noiseVariance);
        }
        this.priorPrecision = priorPrecision;
        this.noiseVariance = noiseVariance;
        this.precision = new double[dimension][dimension];
        this.information = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            precision[i][i] = priorPrecision;
        }
    }

    /** Adds one observation (x, y). */
    public void observe(double[] x, double y) {
        if (x.length != information.length) {
            throw new IllegalArgumentException("x has " + x.length + " features, the model " + information.length);
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                precision[i][j] += x[i] * x[j] / noiseVariance;
            }
            information[i] += x[i] * y / noiseVariance;
        }
        observations++;
    }

    public int dimension() {
        return information.length;
    }

    public long observations() {
        return observations;
    }

    public double priorPrecision() {
        return priorPrecision;
    }

    /** Λ, a copy. */
    public double[][] precision() {
        double[][] copy = new double[precision.length][];
        for (int i = 0; i < precision.length; i++) {
            copy[i] = precision[i].clone();
        }
        return copy;
    }

    /** η, a copy. */
    public double[] information() {
        return information.clone();
    }

    /** The posterior mean Λ⁻¹η. */
    public double[] mean() {
        CholeskySolver solver = new CholeskySolver();
        solver.decompose(Matrices.of(precision));
        DMatrixRMaj mean = new DMatrixRMaj(information.length, 1);
        solver.solve(Matrices.column(information), mean);
        return Matrices.toArray(mean);
    }

    /** The posterior covariance Λ⁻¹. */
    public double[][] covariance() {
        CholeskySolver solver = new CholeskySolver();
        solver.decompose(Matrices.of(precision));
        DMatrixRMaj inverse = new DMatrixRMaj(information.length, information.length);
        solver.invert(inverse);
        return Matrices.toRows(inverse);
    }
}
