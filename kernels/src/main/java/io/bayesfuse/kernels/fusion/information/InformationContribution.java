package io.bayesfuse.kernels.fusion.information;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.linalg.CompensatedSum;
import io.bayesfuse.kernels.linalg.InformationSolver;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A Gaussian in information form, (Λ, η) with Λ = P⁻¹ and η = P⁻¹x: the form in which posteriors
 * are multiplied (precisions and information vectors add). Built from any Gaussian form a source
 * sends, validated on the way: a full covariance (Λ = P⁻¹ and η = P⁻¹x by Cholesky), a diagonal
 * covariance (kept diagonal, so adding it costs O(d)), or precision and information vector as sent.
 *
 * <p>Immutable; the arrays are never handed out.
 */
public final class InformationContribution {

    private final int d;
    /** Row-major d×d precision, or null when the precision is diagonal. */
    private final double[] Lambda;
    /** The diagonal of a diagonal precision, or null. */
    private final double[] diagonal;
    private final double[] eta;

    private InformationContribution(int d, double[] Lambda, double[] diagonal, double[] eta) {
        this.d = d;
        this.Lambda = Lambda;
        this.diagonal = diagonal;
        this.eta = eta;
    }

    /**
     * Validates a source's Gaussian posterior and converts it.
     *
     * @param subject   names the source in errors, e.g. {@code source 'node-1'}
     * @param dimension the quantity's dimension, or 0 when not fixed yet
     * @param method    the rule's name, for the error when the form does not fit
     * @param solver    the rule's solver for its dimension (LAPACK for large ones), used to invert a
     *                  full covariance; null (or another size) for one chosen by dimension
     * @throws InvalidInputException when a value is missing, of the wrong size, not finite, or a
     *                               covariance/precision is not symmetric positive definite
     */
    public static InformationContribution of(String subject, SourcePosterior posterior, int dimension, String method,
                                             InformationSolver solver) {
        if (posterior instanceof SourcePosterior.Covariance c) {
            return fromCovariance(subject, c.mean(), c.covariance(), dimension, solver);
        }
        if (posterior instanceof SourcePosterior.DiagonalCovariance c) {
            return fromDiagonalCovariance(subject, c.mean(), c.variances(), dimension);
        }
        if (posterior instanceof SourcePosterior.Information c) {
            return fromInformation(subject, c.precision(), c.informationVector(), dimension);
        }
        throw PosteriorChecks.wrongForm(subject, posterior, method,
                "covariance, covarianceDiagonal or precision with informationVector");
    }

    /** {@link #of(String, SourcePosterior, int, String, InformationSolver)} with a solver chosen by dimension. */
    public static InformationContribution of(String subject, SourcePosterior posterior, int dimension, String method) {
        return of(subject, posterior, dimension, method, null);
    }

    /**
     * From mean x and covariance P: Λ = P⁻¹, η = P⁻¹x, both from one Cholesky factorisation of P
     * (the information solve is its own inverse: it maps (P, x) to (P⁻¹, P⁻¹x) as it maps (Λ, η)
     * to (x, P)).
     */
    public static InformationContribution fromCovariance(String subject, double[] mean, double[][] covariance, int dimension,
                                                         InformationSolver solver) {
        double[] x = PosteriorChecks.vector(subject, "mean", mean, dimension);
        int n = x.length;
        DMatrixRMaj P = PosteriorChecks.squareMatrix(subject, "covariance", covariance, n);
        double asymmetry = Matrices.asymmetry(P);
        if (asymmetry > InputChecks.SYMMETRY_TOLERANCE) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "covariance",
                    "is not symmetric (relative asymmetry " + asymmetry + ")");
        }
        InformationSolver inverse = solver != null && solver.dimension() == n ? solver : InformationSolver.forDimension(n);
        double[] Lambda = new double[n * n];
        double[] eta = new double[n];
        if (!inverse.solve(P.data, x, eta, Lambda)) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "covariance", "is not positive definite");
        }
        return new InformationContribution(n, Lambda, null, eta);
    }

    /** {@link #fromCovariance(String, double[], double[][], int, InformationSolver)} with a solver chosen by dimension. */
    public static InformationContribution fromCovariance(String subject, double[] mean, double[][] covariance, int dimension) {
        return fromCovariance(subject, mean, covariance, dimension, null);
    }

    /** From mean x and variances σ²: Λ = diag(1/σ²), η = x/σ². */
    public static InformationContribution fromDiagonalCovariance(String subject, double[] mean, double[] variances, int dimension) {
        double[] x = PosteriorChecks.vector(subject, "mean", mean, dimension);
        int n = x.length;
        PosteriorChecks.vector(subject, "covarianceDiagonal", variances, n);
        double[] diagonal = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(variances[i] > 0)) {
                throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "covarianceDiagonal",
                        "has a non-positive variance (" + variances[i] + ") at index " + i);
            }
            diagonal[i] = 1.0 / variances[i];
            eta[i] = x[i] / variances[i];
        }
        return new InformationContribution(n, null, diagonal, eta);
    }

    /** From precision Λ (symmetric positive definite) and information vector η, as sent. */
    public static InformationContribution fromInformation(String subject, double[][] precision, double[] informationVector,
                                                          int dimension) {
        double[] eta = PosteriorChecks.vector(subject, "informationVector", informationVector, dimension);
        DMatrixRMaj Lambda = PosteriorChecks.spdMatrix(subject, "precision", precision, eta.length);
        Matrices.symmetrise(Lambda);    // exactly symmetric, so sums and packed snapshots stay exact
        return new InformationContribution(eta.length, Lambda.data, null, eta.clone());
    }

    /**
     * A prior in information form whose precision may be singular (positive semi-definite), e.g. the
     * zero precision of a flat prior, which turns the product rule into the naive product Σ Λᵢ.
     *
     * @throws InvalidInputException naming {@code subject} when Λ is not symmetric positive semi-definite
     */
    public static InformationContribution priorFromInformation(String subject, double[][] precision, double[] informationVector) {
        double[] eta = PosteriorChecks.vector(subject, "informationVector", informationVector, 0);
        int n = eta.length;
        DMatrixRMaj Lambda = PosteriorChecks.squareMatrix(subject, "precision", precision, n);
        double asymmetry = Matrices.asymmetry(Lambda);
        if (asymmetry > InputChecks.SYMMETRY_TOLERANCE) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "precision",
                    "is not symmetric (relative asymmetry " + asymmetry + ")");
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(Lambda.copy())) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "precision", "has no eigen-decomposition");
        }
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double lambda = eig.getEigenvalue(i).real;
            largest = Math.max(largest, Math.abs(lambda));
            smallest = Math.min(smallest, lambda);
        }
        if (smallest < -1e-12 * Math.max(largest, Double.MIN_NORMAL)) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "precision",
                    "is not positive semi-definite (eigenvalue " + smallest + ")");
        }
        Matrices.symmetrise(Lambda);
        return new InformationContribution(n, Lambda.data.clone(), null, eta.clone());
    }

    /**
     * A trusted contribution from arrays (state restore, prior set-up); {@code packedOrDiagonal} is
     * either the packed upper triangle of Λ or, when it has d entries, its diagonal (for d = 1 the two
     * coincide).
     */
    public static InformationContribution restore(int d, double[] packedOrDiagonal, double[] eta) {
        if (eta.length != d) {
            throw new IllegalArgumentException("information vector has " + eta.length + " entries, expected " + d);
        }
        if (isDiagonal(d, packedOrDiagonal)) {
            return new InformationContribution(d, null, packedOrDiagonal.clone(), eta.clone());
        }
        return new InformationContribution(d, SymmetricPacking.unpack(packedOrDiagonal, d), null, eta.clone());
    }

    /**
     * Adds scale·(Λ, η) of stored arrays (as {@link #restore} takes them) to the sums, as
     * {@code restore(d, packedOrDiagonal, eta).addTo(LambdaSum, etaSum, scale)} does, without unpacking Λ.
     */
    public static void addStored(int d, double[] packedOrDiagonal, double[] eta, CompensatedSum LambdaSum,
                                 CompensatedSum etaSum, double scale) {
        if (isDiagonal(d, packedOrDiagonal)) {
            LambdaSum.addDiagonal(packedOrDiagonal, scale);
        } else {
            LambdaSum.addPackedSymmetric(packedOrDiagonal, d, scale);
        }
        etaSum.add(eta, scale);
    }

    /** Stored arrays hold a diagonal precision when it has d entries (for d = 1 the packed triangle is the same). */
    private static boolean isDiagonal(int d, double[] packedOrDiagonal) {
        return packedOrDiagonal.length == d && d > 1;
    }

    /** A contribution from a trusted dense precision (row-major) and information vector. */
    public static InformationContribution trusted(double[] Lambda, double[] eta) {
        return new InformationContribution(eta.length, Lambda.clone(), null, eta.clone());
    }

    public int dimension() {
        return d;
    }

    public boolean isDiagonal() {
        return diagonal != null;
    }

    /** Adds scale·Λ to {@code LambdaSum} (d×d) and scale·η to {@code etaSum}. */
    public void addTo(CompensatedSum LambdaSum, CompensatedSum etaSum, double scale) {
        if (diagonal != null) {
            LambdaSum.addDiagonal(diagonal, scale);
        } else {
            LambdaSum.add(Lambda, scale);
        }
        etaSum.add(eta, scale);
    }

    /** Λᵢⱼ. */
    public double precision(int i, int j) {
        if (diagonal != null) {
            return i == j ? diagonal[i] : 0.0;
        }
        return Lambda[i * d + j];
    }

    /** ηᵢ. */
    public double information(int i) {
        return eta[i];
    }

    /** A new row-major d×d copy of Λ. */
    public double[] precisionMatrix() {
        if (diagonal == null) {
            return Lambda.clone();
        }
        double[] full = new double[d * d];
        for (int i = 0; i < d; i++) {
            full[i * d + i] = diagonal[i];
        }
        return full;
    }

    /** A copy of η. */
    public double[] informationVector() {
        return eta.clone();
    }

    /**
     * This contribution as a source posterior that {@link #of} turns back into it: the information
     * form (Λ, η) as is, or, for a diagonal precision, the diagonal covariance (x = η/λ, σ² = 1/λ),
     * which stays diagonal however large the dimension.
     */
    public SourcePosterior toPosterior() {
        if (diagonal != null) {
            double[] mean = new double[d];
            double[] variances = new double[d];
            for (int i = 0; i < d; i++) {
                mean[i] = eta[i] / diagonal[i];
                variances[i] = 1.0 / diagonal[i];
            }
            return new SourcePosterior.DiagonalCovariance(mean, variances);
        }
        double[][] precision = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(Lambda, i * d, precision[i], 0, d);
        }
        return new SourcePosterior.Information(precision, eta.clone());
    }

    /** The arrays a state snapshot stores: [packed Λ or its diagonal, η]. */
    public double[][] toArrays() {
        return new double[][]{diagonal != null ? diagonal.clone() : SymmetricPacking.pack(Lambda, d), eta.clone()};
    }
}
