package io.bayesfuse.kernels.fusion.trust;

/**
 * A quantity's source-trust settings.
 *
 * @param probability  the probability with which a consistent source passes its test (the χ² gate), in (0, 1)
 * @param action       what happens to a source that fails
 * @param readmitAfter consecutive consistent updates after which a quarantined source is readmitted (≥ 1)
 * @param test         how the disagreement is summarised
 */
public record TrustSettings(double probability, TrustAction action, int readmitAfter, TrustTest test) {

    /** Settings with the χ² test. */
    public TrustSettings(double probability, TrustAction action, int readmitAfter) {
        this(probability, action, readmitAfter, TrustTest.CHI_SQUARE);
    }

    public TrustSettings {
        if (test == null) {
            throw new IllegalArgumentException("trust.test is missing (chi-square or max-z)");
        }
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("trust.probability is " + probability + ", must lie strictly between 0 and 1");
        }
        if (action == null) {
            throw new IllegalArgumentException("trust.action is missing (none, down-weight or quarantine)");
        }
        if (readmitAfter < 1) {
            throw new IllegalArgumentException("trust.readmitAfter is " + readmitAfter + ", must be at least 1");
        }
    }
}
