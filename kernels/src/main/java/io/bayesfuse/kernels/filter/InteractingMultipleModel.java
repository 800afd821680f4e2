package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * The interacting multiple model estimator (Blom and Bar-Shalom 1988; Bar-Shalom et al. 2001,
 * §11.6) over r mode-matched Kalman-family filters with a Markov switching matrix
 * πᵢⱼ = P(mode j now | mode i one step before). Each prediction with dt > 0 is one Markov step:
 * <pre>
 * cⱼ = Σᵢ πᵢⱼ μᵢ;  μᵢ|ⱼ = πᵢⱼ μᵢ / cⱼ                                       (mixing probabilities)
 * x0ⱼ = Σᵢ μᵢ|ⱼ x̃ᵢ→ⱼ;  P0ⱼ = Σᵢ μᵢ|ⱼ (P̃ᵢ→ⱼ + (x̃ᵢ→ⱼ − x0ⱼ)(x̃ᵢ→ⱼ − x0ⱼ)ᵀ)      (mixing)
 * each mode predicts from (x0ⱼ, P0ⱼ) and updates; Λⱼ = N(yⱼ; 0, Sⱼ);  μⱼ = Λⱼ cⱼ / Σₖ Λₖ cₖ
 * </pre>
 * (dt = 0 is no step: neither mixing nor prediction.)
 *
 * <p><b>Modes of different state sizes</b> (e.g. CV with 4 states, CA with 6). Mode i's estimate
 * is expressed in mode j's layout as x̃ᵢ→ⱼ, P̃ᵢ→ⱼ by this rule: a quantity both hold (same axis,
 * same derivative) is taken from mode i; a quantity only mode j holds (CA's acceleration when i
 * is CV) is taken from mode j's own estimate, with its own variance and its covariance with
 * other j-only quantities, and zero covariance with the quantities taken from i. So mixing acts on
 * the space the modes share, and a quantity a mode lacks neither pulls the others' estimate nor is
 * invented: in the mixture it keeps mode j's value. (Granström, Willett and Bar-Shalom 2015,
 * "Systematic approach to IMM mixing for unequal dimension states", IEEE TAES 51(4), compare
 * rules of this kind; this is the one that fills missing states from the receiving mode.)
 * Quantities held only by mode i are dropped when mixing into j. The combined output estimate is expressed in the
 * largest mode's layout by the same rule (missing quantities from the largest mode).
 *
 * <p>Gating uses the mode-probability-weighted innovation moments ẑ = Σ cⱼ ẑⱼ and
 * S = Σ cⱼ (Sⱼ + (ẑⱼ ⊖ ẑ)(ẑⱼ ⊖ ẑ)ᵀ); a gated measurement leaves every mode at its prediction.
 */
public final class InteractingMultipleModel extends LazyMomentsFilter {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final String SUBJECT = "IMM";

    private final GaussianFilter[] modes;
    private final int r;
    private final double[][] pi;
    private final double[] initialProbabilities;
    private final double[] mu;
    private final double[] c;
    private final double[][] mixing;
    private final int largest;
    private final StateLayout output;
    /** map[i][j][a]: the index in mode i's layout of entry a of mode j's layout, or -1. */
    private final int[][][] map;
    private final DMatrixRMaj[] mixedX;
    private final DMatrixRMaj[] mixedP;
    private final double[] expanded;
    private final DMatrixRMaj zPredicted = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj S = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj y = new DMatrixRMaj(1, 1);
    private final double[] dz = new double[16];
    /** The modes' predicted measurements, a row per mode. */
    private double[] modeZ = new double[0];
    private final double[] logLikelihoods;
    private final CholeskySolver sSolver = new CholeskySolver();
    private final UpdateResult result = new UpdateResult();

    /**
     * @param modes                the mode-matched filters (KF, EKF or UKF), at least two
     * @param transition           πᵢⱼ, rows summing to 1
     * @param initialProbabilities μ at initialisation, summing to 1
     * @throws InvalidInputException when they fail {@link ImmChecks}
     */
    public InteractingMultipleModel(GaussianFilter[] modes, double[][] transition, double[] initialProbabilities) {
        super(largestSize(modes));
        this.r = modes.length;
        ImmChecks.requireModeCount(SUBJECT, r);
        ImmChecks.requireTransition(SUBJECT, transition, r);
        ImmChecks.requireProbabilities(SUBJECT, initialProbabilities, r);
        this.modes = modes.clone();
        this.pi = new double[r][];
        for (int i = 0; i < r; i++) {
            pi[i] = transition[i].clone();
        }
        this.initialProbabilities = initialProbabilities.clone();
        this.mu = new double[r];
        this.c = new double[r];
        this.mixing = new double[r][r];
        this.logLikelihoods = new double[r];
        int big = 0;
        for (int j = 1; j < r; j++) {
            if (modes[j].layout().size() > modes[big].layout().size()) {
                big = j;
            }
        }
        this.largest = big;
        this.output = modes[big].layout();
        this.map = new int[r][r][];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                map[i][j] = modes[i].layout().mapInto(modes[j].layout());
            }
        }
        this.mixedX = new DMatrixRMaj[r];
        this.mixedP = new DMatrixRMaj[r];
        int maxN = output.size();
        for (int j = 0; j < r; j++) {
            int nj = modes[j].layout().size();
            mixedX[j] = new DMatrixRMaj(nj, 1);
            mixedP[j] = new DMatrixRMaj(nj, nj);
            maxN = Math.max(maxN, nj);
        }
        this.expanded = new double[maxN];
    }

    /** The size of the largest mode's layout, in which the combined estimate is given. */
    private static int largestSize(GaussianFilter[] modes) {
        int size = 0;
        for (GaussianFilter mode : modes) {
            size = Math.max(size, mode.layout().size());
        }
        return size;
    }

    @Override
    public StateLayout layout() {
        return output;
    }

    /** The current mode probabilities μ (a copy). */
    public double[] modeProbabilities() {
        return mu.clone();
    }

    public int modeCount() {
        return r;
    }

    /** Each mode starts from the prior (given in the output layout) restricted to its own layout. */
    @Override
    public void initialise(DMatrixRMaj x0, DMatrixRMaj P0, long seed) {
        for (int j = 0; j < r; j++) {
            int[] fromOutput = map[largest][j];
            int nj = modes[j].layout().size();
            DMatrixRMaj xj = mixedX[j];
            DMatrixRMaj Pj = mixedP[j];
            for (int a = 0; a < nj; a++) {
                if (fromOutput[a] < 0) {
                    throw new IllegalArgumentException("mode " + j + " (" + modes[j].layout() + ") holds a quantity the "
                            + "output layout " + output + " lacks: the prior cannot start it");
                }
                xj.data[a] = x0.data[fromOutput[a]];
                for (int b = 0; b < nj; b++) {
                    Pj.data[a * nj + b] = P0.unsafe_get(fromOutput[a], fromOutput[b]);
                }
            }
            modes[j].initialise(xj, Pj, seed);
        }
        System.arraycopy(initialProbabilities, 0, mu, 0, r);
        momentsStale();
    }

    @Override
    public void predict(double dt) {
        GaussianFilter.requireTimeStep(dt);
        if (dt == 0) {
            return;
        }
        // mixing probabilities
        for (int j = 0; j < r; j++) {
            double cj = 0;
            for (int i = 0; i < r; i++) {
                cj += pi[i][j] * mu[i];
            }
            c[j] = cj;
            for (int i = 0; i < r; i++) {
                mixing[i][j] = cj > 0 ? pi[i][j] * mu[i] / cj : (i == j ? 1 : 0);
            }
        }
        // mixed initial conditions, all computed from the pre-mixing estimates
        for (int j = 0; j < r; j++) {
            mix(j);
        }
        for (int j = 0; j < r; j++) {
            modes[j].x.setTo(mixedX[j]);
            modes[j].P.setTo(mixedP[j]);
            Matrices.symmetrise(modes[j].P);
            modes[j].predict(dt);
            mu[j] = c[j];
        }
        momentsStale();
    }

    /** x0ⱼ and P0ⱼ from every mode's estimate expressed in mode j's layout. */
    private void mix(int j) {
        int nj = modes[j].layout().size();
        DMatrixRMaj xj = mixedX[j];
        DMatrixRMaj Pj = mixedP[j];
        xj.zero();
        for (int i = 0; i < r; i++) {
            expandMean(i, j, expanded);
            for (int a = 0; a < nj; a++) {
                xj.data[a] += mixing[i][j] * expanded[a];
            }
        }
        Pj.zero();
        for (int i = 0; i < r; i++) {
            double w = mixing[i][j];
            if (w == 0) {
                continue;
            }
            expandMean(i, j, expanded);
            for (int a = 0; a < nj; a++) {
                double da = expanded[a] - xj.data[a];
                for (int b = 0; b < nj; b++) {
                    Pj.data[a * nj + b] += w * (expandedCovariance(i, j, a, b) + da * (expanded[b] - xj.data[b]));
                }
            }
        }
    }

    /** x̃ᵢ→ⱼ: mode i's mean in mode j's layout, j-only quantities from mode j. */
    private void expandMean(int i, int j, double[] out) {
        int[] m = map[i][j];
        DMatrixRMaj xi = modes[i].x;
        DMatrixRMaj xj = modes[j].x;
        for (int a = 0; a < m.length; a++) {
            out[a] = m[a] >= 0 ? xi.data[m[a]] : xj.data[a];
        }
    }

    /** P̃ᵢ→ⱼ[a][b]. */
    private double expandedCovariance(int i, int j, int a, int b) {
        int[] m = map[i][j];
        int sa = m[a];
        int sb = m[b];
        if (sa >= 0 && sb >= 0) {
            return modes[i].P.unsafe_get(sa, sb);
        }
        if (sa < 0 && sb < 0) {
            return modes[j].P.unsafe_get(a, b);
        }
        return 0;
    }

    @Override
    public UpdateResult update(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R, Gate gate) {
        int m = h.measurementSize();
        for (GaussianFilter mode : modes) {
            if (!mode.prepare(h, z, R)) {
                result.set(Outcome.DIVERGED, Double.NaN, Double.NaN, m);
                return result;
            }
        }
        double nis = mixtureNis(h, z, m);
        // log Σⱼ cⱼ Λⱼ, the measurement's likelihood under the mixture prediction
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r; j++) {
            logLikelihoods[j] = Math.log(mu[j]) + modes[j].pendingLogLikelihood();
            maxLog = Math.max(maxLog, logLikelihoods[j]);
        }
        double total = 0;
        for (int j = 0; j < r; j++) {
            total += Math.exp(logLikelihoods[j] - maxLog);
        }
        double logLikelihood = maxLog + Math.log(total);
        if (!(nis >= 0) || !Double.isFinite(logLikelihood)) {
            result.set(Outcome.DIVERGED, nis, logLikelihood, m);
            return result;
        }
        if (!gate.accepts(nis, m)) {
            result.set(Outcome.GATED, nis, logLikelihood, m);
            return result;
        }
        for (GaussianFilter mode : modes) {
            if (!mode.commit(h, z, R)) {
                result.set(Outcome.DIVERGED, nis, logLikelihood, m);
                return result;
            }
        }
        for (int j = 0; j < r; j++) {
            mu[j] = Math.exp(logLikelihoods[j] - logLikelihood);
        }
        momentsStale();
        result.set(Outcome.APPLIED, nis, logLikelihood, m);
        return result;
    }

    /** NIS of z under the moment-matched mixture of the modes' predicted measurements. */
    private double mixtureNis(MeasurementModel h, DMatrixRMaj z, int m) {
        if (modeZ.length < r * m) {
            modeZ = new double[r * m];   // grows once to the largest measurement size
        }
        for (int j = 0; j < r; j++) {
            System.arraycopy(modes[j].zPredicted.data, 0, modeZ, j * m, m);
        }
        zPredicted.reshape(m, 1);
        WeightedMeasurementMoments.mean(h, mu, r, modeZ, m, 1, zPredicted.data);
        S.reshape(m, m);
        S.zero();
        double[] d = m <= dz.length ? dz : new double[m];
        for (int j = 0; j < r; j++) {
            WeightedMeasurementMoments.deviation(h, modeZ, j, m, 1, zPredicted.data, d);
            DMatrixRMaj Sj = modes[j].S;
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    S.data[a * m + b] += mu[j] * (Sj.data[a * m + b] + d[a] * d[b]);
                }
            }
        }
        h.residual(z, zPredicted, y);
        if (!sSolver.decompose(S)) {
            return Double.NaN;
        }
        return sSolver.quadraticForm(y);
    }

    /** The combined estimate in the largest mode's layout (Bar-Shalom et al. 2001, §11.6). */
    @Override
    protected boolean computeMoments() {
        int no = output.size();
        x.zero();
        for (int j = 0; j < r; j++) {
            expandMean(j, largest, expanded);
            for (int a = 0; a < no; a++) {
                x.data[a] += mu[j] * expanded[a];
            }
        }
        P.zero();
        for (int j = 0; j < r; j++) {
            expandMean(j, largest, expanded);
            for (int a = 0; a < no; a++) {
                double da = expanded[a] - x.data[a];
                for (int b = 0; b < no; b++) {
                    P.data[a * no + b] += mu[j] * (expandedCovariance(j, largest, a, b) + da * (expanded[b] - x.data[b]));
                }
            }
        }
        Matrices.symmetrise(P);
        return true;
    }

    @Override
    public boolean isHealthy() {
        for (GaussianFilter mode : modes) {
            if (!mode.isHealthy()) {
                return false;
            }
        }
        for (double p : mu) {
            if (!(p >= 0 && p <= 1)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public MixtureState save() {
        GaussianState[] states = new GaussianState[r];
        for (int j = 0; j < r; j++) {
            states[j] = modes[j].save();
        }
        return new MixtureState(mu.clone(), states, output.size());
    }

    @Override
    public void restore(FilterState state) {
        if (!(state instanceof MixtureState mixture) || mixture.modes().length != r || mixture.dimension() != output.size()) {
            throw new IllegalArgumentException("an IMM of " + r + " modes over " + output + " cannot continue from " + state);
        }
        for (int j = 0; j < r; j++) {
            modes[j].restore(mixture.modes()[j]);
        }
        System.arraycopy(mixture.probabilities(), 0, mu, 0, r);
        momentsStale();
    }

    @Override
    public String toString() {
        return "IMM over " + Arrays.toString(modes);
    }
}
