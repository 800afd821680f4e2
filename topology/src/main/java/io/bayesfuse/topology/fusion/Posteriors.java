package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MixtureComponent;
import io.bayesfuse.avro.MixturePosterior;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.avro.SamplePosterior;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.topology.config.FusionConfig;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.RecordKeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a posterior-update record for what only the stream knows (its key, its timestamp against
 * the record's, what the quantity's settings require of it) and translates it into the kernels'
 * {@link SourcePosterior}. The values themselves (sizes, finiteness, definiteness) are the kernels'
 * to check.
 */
public final class Posteriors {

    private Posteriors() {
    }

    /**
     * One update for the kernels.
     *
     * @param sourceId      the source
     * @param version       its version
     * @param posterior     the posterior, or null for a retraction
     * @param posteriorTime the time the posterior refers to, or null
     */
    public record Offer(String sourceId, long version, SourcePosterior posterior, Long posteriorTime) {

        public boolean isRetraction() {
            return posterior == null;
        }
    }

    /**
     * @param key             the record key (the quantity id)
     * @param u               the update
     * @param recordTimestamp the record's timestamp
     * @param maxFutureMillis how far the update's timestamp may lie ahead of the record's
     * @param settings        how the quantity is fused
     * @throws DeadLetterException KEY_MISMATCH, FUTURE_TIMESTAMP, MISSING_TIMESTAMP (a track needs
     *                             timestamps), WRONG_DIMENSION (a matrix whose shape does not match its
     *                             values), OTHER (an empty source id, a weight the method does not use,
     *                             a mean beside an information form, weighted draws)
     */
    public static Offer toKernel(String key, PosteriorUpdate u, long recordTimestamp, long maxFutureMillis,
                                 SelectedFusion settings) {
        String quantity = "quantity '" + u.getQuantityId() + "'";
        if (key == null || !key.equals(u.getQuantityId())) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "posterior update of " + quantity
                    + " arrived with " + RecordKeys.describe(key) + ": posterior updates must be keyed by their quantity id");
        }
        String source = quantity + ": source '" + u.getSourceId() + "'";
        if (u.getSourceId().isEmpty()) {
            throw new DeadLetterException(DeadLetterReason.OTHER, quantity + ": sourceId is empty");
        }
        Long posteriorTime = u.getTimestamp() == null ? null : u.getTimestamp().toEpochMilli();
        if (posteriorTime != null && recordTimestamp >= 0 && posteriorTime > recordTimestamp + maxFutureMillis) {
            throw new DeadLetterException(DeadLetterReason.FUTURE_TIMESTAMP, source + ": posterior is timed " + u.getTimestamp()
                    + ", " + (posteriorTime - recordTimestamp) + " ms after its record's timestamp "
                    + Instant.ofEpochMilli(recordTimestamp) + " (at most " + maxFutureMillis + " ms allowed)");
        }
        if (u.getPosterior() == null) {
            return new Offer(u.getSourceId(), u.getVersion(), null, posteriorTime);
        }
        if (settings.isDynamic() && posteriorTime == null) {
            throw new DeadLetterException(DeadLetterReason.MISSING_TIMESTAMP, source + ": posterior has no timestamp, but "
                    + quantity + " is a track (motion model '" + settings.config().motionModel()
                    + "'): its posteriors are predicted to a common time before fusing");
        }
        SourcePosterior posterior = posterior(source, u.getPosterior());
        if (u.getWeight() != null) {
            posterior = weighted(source, posterior, u.getWeight(), settings.method());
        }
        return new Offer(u.getSourceId(), u.getVersion(), posterior, posteriorTime);
    }

    /** λ scales the Fisher information: λF (the rule's configured weight multiplies it again). */
    private static SourcePosterior weighted(String source, SourcePosterior posterior, double weight, String method) {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new DeadLetterException(DeadLetterReason.OTHER, source + ": weight is " + weight
                    + ", must be a finite number > 0");
        }
        if (!(posterior instanceof SourcePosterior.Fisher fisher)) {
            if (weight == 1.0) {
                return posterior;
            }
            throw new DeadLetterException(DeadLetterReason.OTHER, source + ": weight " + weight + " applies only to"
                    + " Fisher merging (method " + FusionConfig.FISHER + " with a fisherDiagonal), the quantity is fused by " + method);
        }
        double[] F = fisher.fisherDiagonal().clone();
        for (int i = 0; i < F.length; i++) {
            F[i] *= weight;
        }
        return new SourcePosterior.Fisher(fisher.mean(), F);
    }

    private static SourcePosterior posterior(String source, Object posterior) {
        if (posterior instanceof GaussianPosterior g) {
            Object covariance = g.getCovariance();
            if (covariance instanceof InformationForm info) {
                if (g.getMean() != null) {
                    throw new DeadLetterException(DeadLetterReason.OTHER, source + ": mean must be null with the information"
                            + " form, whose mean is precision⁻¹ · information");
                }
                return new SourcePosterior.Information(rows(source, "precision", info.getPrecision()), doubles(info.getInformation()));
            }
            double[] mean = g.getMean() == null ? null : doubles(g.getMean());
            if (covariance instanceof DiagonalCovariance diagonal) {
                return new SourcePosterior.DiagonalCovariance(mean, doubles(diagonal.getVariances()));
            }
            return new SourcePosterior.Covariance(mean, rows(source, "covariance", ((FullCovariance) covariance).getMatrix()));
        }
        if (posterior instanceof FisherPosterior f) {
            return new SourcePosterior.Fisher(doubles(f.getMean()), doubles(f.getFisherDiagonal()));
        }
        if (posterior instanceof MixturePosterior m) {
            List<SourcePosterior.Component> components = new ArrayList<>(m.getComponents().size());
            for (int k = 0; k < m.getComponents().size(); k++) {
                MixtureComponent c = m.getComponents().get(k);
                String field = "components[" + k + "].covariance";
                double[][] covariance = c.getCovariance() instanceof DiagonalCovariance diagonal
                        ? diagonalRows(doubles(diagonal.getVariances()))
                        : rows(source, field, ((FullCovariance) c.getCovariance()).getMatrix());
                components.add(new SourcePosterior.Component(c.getWeight(), doubles(c.getMean()), covariance));
            }
            return new SourcePosterior.Mixture(components);
        }
        SamplePosterior samples = (SamplePosterior) posterior;
        if (samples.getWeights() != null && !samples.getWeights().stream().allMatch(w -> w.equals(samples.getWeights().get(0)))) {
            throw new DeadLetterException(DeadLetterReason.OTHER, source + ": weights of draws are not supported:"
                    + " consensus Monte Carlo needs equally weighted draws (resample them first)");
        }
        return new SourcePosterior.Samples(rows(source, "samples", samples.getDraws()));
    }

    /** A matrix as rows; a declared shape that does not match the values is a wrong dimension. */
    static double[][] rows(String source, String field, Matrix m) {
        if (m.getRows() < 0 || m.getCols() < 0 || (long) m.getRows() * m.getCols() != m.getValues().size()) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, source + ": " + field + " is declared "
                    + m.getRows() + "x" + m.getCols() + " but holds " + m.getValues().size() + " values");
        }
        List<Double> values = m.getValues();
        double[][] rows = new double[m.getRows()][m.getCols()];
        for (int i = 0, k = 0; i < rows.length; i++) {
            for (int j = 0; j < m.getCols(); j++) {
                rows[i][j] = values.get(k++);
            }
        }
        return rows;
    }

    private static double[][] diagonalRows(double[] d) {
        double[][] rows = new double[d.length][d.length];
        for (int i = 0; i < d.length; i++) {
            rows[i][i] = d[i];
        }
        return rows;
    }

    static double[] doubles(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
