package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.gating.ChiSquareGate;

/**
 * The trust rules, apart from how the statistic is computed: a source's leave-one-out χ² (d
 * degrees of freedom) is compared with χ²_d⁻¹(probability); its score is updated (weight
 * {@value #SCORE_WEIGHT} for the newest test); under QUARANTINE a failing source is quarantined
 * and a quarantined one readmitted after {@code readmitAfter} consistent updates in a row. An
 * update with nothing to test against (statistic NaN) counts as consistent and leaves the score as it was.
 */
public final class TrustGate {

    /** The weight of the newest test in a source's trust score. */
    public static final double SCORE_WEIGHT = 0.1;

    private final TrustSettings settings;
    private final ChiSquareGate gate;

    public TrustGate(TrustSettings settings) {
        this.settings = settings;
        this.gate = new ChiSquareGate(settings.probability());
    }

    public TrustSettings settings() {
        return settings;
    }

    /**
     * Judges one update of a source.
     *
     * @param before    the source's trust before the update ({@link SourceTrust#NEW} for a new source)
     * @param statistic the update's leave-one-out χ², NaN when there was nothing to test against
     * @param dimension its degrees of freedom
     */
    public TrustVerdict judge(SourceTrust before, double statistic, int dimension) {
        double threshold = gate.threshold(dimension);
        boolean tested = !Double.isNaN(statistic);
        boolean consistent = !tested || statistic <= threshold;
        double score = tested ? (1 - SCORE_WEIGHT) * before.score() + SCORE_WEIGHT * (consistent ? 1.0 : 0.0) : before.score();
        int streak = before.consistentStreak();
        boolean quarantined = before.quarantined();
        TrustVerdict.State state;
        if (settings.action() != TrustAction.QUARANTINE) {
            streak = 0;
            quarantined = false;
            state = TrustVerdict.State.TRUSTED;
        } else if (quarantined) {
            streak = consistent ? streak + 1 : 0;
            if (streak >= settings.readmitAfter()) {
                quarantined = false;
                streak = 0;
                state = TrustVerdict.State.READMITTED;
            } else {
                state = TrustVerdict.State.QUARANTINED;
            }
        } else if (!consistent) {
            quarantined = true;
            streak = 0;
            state = TrustVerdict.State.NEWLY_QUARANTINED;
        } else {
            state = TrustVerdict.State.TRUSTED;
        }
        return new TrustVerdict(statistic, threshold, consistent, state, new SourceTrust(Math.min(1.0, Math.max(0.0, score)), streak, quarantined));
    }

    /**
     * The factor a source's information is scaled by: under DOWN_WEIGHT, f = threshold/χ² for a failing
     * update (its covariance grows by 1/f, so against the same others its statistic would lie between
     * the threshold and χ²), else 1.
     */
    public double weight(TrustVerdict verdict) {
        return settings.action() == TrustAction.DOWN_WEIGHT && !verdict.consistent()
                ? verdict.threshold() / verdict.statistic() : 1.0;
    }
}
