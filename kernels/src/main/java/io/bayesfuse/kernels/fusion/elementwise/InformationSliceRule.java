package io.bayesfuse.kernels.fusion.elementwise;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.RuleState;
import io.bayesfuse.kernels.linalg.CompensatedSum;

import java.util.List;

/**
 * The product of Gaussians with prior division on one slice of their packed information form
 * ({@link SourcePosterior.InformationSlice}): precisions and information vectors add, so every
 * entry of the fused Λ = Σ Λᵢ − (K−1) Λ₀ and η = Σ ηᵢ − (K−1) η₀ is a sum of the sources' same
 * entries, and a posterior too large for one record (d = 4,096: a 128 MB covariance) is fused
 * chunk by chunk, exactly. The prior is isotropic, N(m·1, v·I): Λ₀ = I/v (its diagonal entries in
 * the slice), η₀ = (m/v)·1. The fused slice stays in information form; mean and covariance need
 * every slice and one solve, done where the chunks are assembled (and so is the check that Λ is
 * positive definite, which no single slice can tell).
 *
 * <p><b>Incremental.</b> A compensated running sum, recomputed exactly after every
 * max(K, {@value #RECOMPUTE_AFTER_SUBTRACTIONS}) subtractions.
 */
public final class InformationSliceRule implements FusionRule {

    public static final int RECOMPUTE_AFTER_SUBTRACTIONS = 1024;

    private final IsotropicPrior prior;
    private int length;
    private int dimension;
    private long offset;
    private CompensatedSum sum;

    /** @param prior the prior every source used, or null (then at most one source) */
    public InformationSliceRule(IsotropicPrior prior) {
        this.prior = prior;
    }

    @Override
    public FusionMethod method() {
        return FusionMethod.INFORMATION_SLICE_PRODUCT;
    }

    /** Arrays: [the slice's values]. */
    @Override
    public List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources) {
        String subject = PosteriorChecks.subject(sourceId);
        if (!(posterior instanceof SourcePosterior.InformationSlice slice)) {
            throw PosteriorChecks.wrongForm(subject, posterior, "product of information slices", "an information slice");
        }
        if (prior == null && sources.get(sourceId) == null && sources.count() > 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "prior",
                    "is missing: a product of " + (sources.count() + 1) + " posteriors must divide out the prior"
                            + " they share (K − 1 times), so configure fusion.prior");
        }
        double[] values = PosteriorChecks.vector(subject, "values", slice.values(), length);
        long total = SourcePosterior.InformationSlice.flattenedLength(slice.dimension());
        if (slice.dimension() < 1 || slice.offset() < 0 || slice.offset() + values.length > total) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "values", "cover ["
                    + slice.offset() + ", " + (slice.offset() + values.length) + ") of the packed information form of a "
                    + slice.dimension() + "-dimensional Gaussian, which has " + total + " entries");
        }
        if (length != 0 && (slice.dimension() != dimension || slice.offset() != offset)) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "values", "is the slice at " + slice.offset()
                    + " of a " + slice.dimension() + "-dimensional Gaussian, but this chunk is the slice at " + offset
                    + " of a " + dimension + "-dimensional one");
        }
        return List.of(values.clone(), new double[]{slice.dimension(), slice.offset()});
    }

    @Override
    public void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources) {
        if (length == 0) {
            length = current.get(0).length;
            dimension = (int) current.get(1)[0];
            offset = (long) current.get(1)[1];
            sum = new CompensatedSum(length);
        }
        if (previous != null) {
            sum.add(previous.get(0), -1.0);
            sum.countSubtraction();
        }
        sum.add(current.get(0), 1.0);
        recomputeWhenDue(sources);
    }

    @Override
    public void remove(String sourceId, List<double[]> previous, Contributions sources) {
        if (sources.count() == 0) {
            length = 0;
            return;
        }
        sum.add(previous.get(0), -1.0);
        sum.countSubtraction();
        recomputeWhenDue(sources);
    }

    @Override
    public SourcePosterior posterior(List<double[]> arrays) {
        return new SourcePosterior.InformationSlice((int) arrays.get(1)[0], (long) arrays.get(1)[1], arrays.get(0).clone());
    }

    @Override
    public FusionResult result(Contributions sources) {
        int K = sources.count();
        if (K == 0) {
            return new FusionResult.NoSources();
        }
        double[] values = new double[length];
        for (int k = 0; k < length; k++) {
            values[k] = sum.value(k);
        }
        if (prior != null && K != 1) {
            subtractPrior(values, K - 1);
        }
        return new FusionResult.InformationSlice(dimension, offset, values);
    }

    /** values −= count·(Λ₀, η₀) on the slice: 1/v on Λ's diagonal entries, m/v on η's. */
    private void subtractPrior(double[] values, int count) {
        long packed = (long) dimension * (dimension + 1) / 2;
        // the diagonal entry of row i sits at i·d − i(i−1)/2 in the packed upper triangle
        int row = 0;
        long diagonal = 0;
        for (int k = 0; k < length; k++) {
            long g = offset + k;
            if (g >= packed) {
                values[k] -= count * prior.information();
                continue;
            }
            while (diagonal < g && row < dimension - 1) {
                diagonal += dimension - row;
                row++;
            }
            if (g == diagonal) {
                values[k] -= count * prior.precision();
            }
        }
    }

    private void recomputeWhenDue(Contributions sources) {
        if (sum.subtractionsSinceReset() >= Math.max(sources.count(), RECOMPUTE_AFTER_SUBTRACTIONS)) {
            sum.clear();
            sources.forEach((id, arrays) -> sum.add(arrays.get(0), 1.0));
        }
    }

    /** Aggregates: [the sum, its compensation, {d, offset}]. */
    @Override
    public RuleState exportState() {
        List<double[]> aggregates = length == 0 ? List.of()
                : List.of(sum.sumPart(), sum.compensationPart(), new double[]{dimension, offset});
        return new RuleState(method(), length, aggregates, length == 0 ? 0 : sum.subtractionsSinceReset());
    }

    @Override
    public void importState(RuleState state) {
        length = 0;
        if (state.dimension() == 0) {
            return;
        }
        List<double[]> a = state.aggregates();
        if (a.size() != 3 || a.get(0).length != state.dimension()) {
            throw new IllegalArgumentException("information slice state needs 3 aggregates, the first of " + state.dimension()
                    + " entries");
        }
        length = state.dimension();
        dimension = (int) a.get(2)[0];
        offset = (long) a.get(2)[1];
        sum = CompensatedSum.restore(a.get(0), a.get(1), state.subtractions());
    }
}
