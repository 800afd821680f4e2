package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.fusion.trust.TrustAction;
import io.bayesfuse.kernels.fusion.trust.TrustSettings;
import io.bayesfuse.kernels.fusion.trust.TrustTest;

import java.util.Locale;
import java.util.Set;

/**
 * A quantity's source trust, e.g. {@code trust: {probability: 0.999, action: quarantine, readmitAfter: 3}}:
 * every update of a source is tested against the fusion of the other sources (leave-one-out) and a
 * failing source is only reported ({@code none}), down-weighted ({@code down-weight}) or quarantined
 * until it has been consistent for {@code readmitAfter} updates in a row ({@code quarantine}).
 *
 * @param test         how a source's disagreement is summarised: {@value #CHI_SQUARE} (the default, every
 *                     method with trust) or, for method fisher, {@value #MAX_Z} (the largest per-parameter
 *                     z², Šidák-corrected for the number of parameters)
 * @param probability  the probability with which a consistent source passes, in (0, 1) (default {@value #DEFAULT_PROBABILITY})
 * @param action       none | down-weight | quarantine (default quarantine)
 * @param readmitAfter quarantine: consistent updates in a row after which a source is readmitted
 *                     (default {@value #DEFAULT_READMIT_AFTER})
 */
public record TrustConfig(String test, Double probability, String action, Integer readmitAfter) {

    public static final String CHI_SQUARE = "chi-square";
    public static final String MAX_Z = "max-z";
    public static final Set<String> TESTS = Set.of(CHI_SQUARE, MAX_Z);
    public static final Set<String> ACTIONS = Set.of("none", "down-weight", "quarantine");
    /**
     * The methods whose rules can test a source against the fusion of the others: product, covariance
     * intersection and mixture products (χ² of the means, or of the moment-matched means, under the
     * summed covariances), Fisher merging (the sum of the per-parameter z²). The sample rules
     * (consensus Monte Carlo, dc-fusion) have none: their sub-posteriors are draws or mixtures fused into draws.
     */
    public static final Set<String> METHODS = Set.of(FusionConfig.PRODUCT, FusionConfig.COVARIANCE_INTERSECTION,
            FusionConfig.FISHER, FusionConfig.MIXTURE_PRODUCT);
    public static final double DEFAULT_PROBABILITY = 0.999;
    public static final int DEFAULT_READMIT_AFTER = 3;

    void validate(String path, String method, Problems problems) {
        if (test != null && !TESTS.contains(test)) {
            problems.add(path + ".test", "is '" + test + "', expected one of " + Sorted.of(TESTS));
        }
        if (MAX_Z.equals(test) && !FusionConfig.FISHER.equals(method)) {
            problems.add(path + ".test", "max-z applies only to method fisher (method is " + method + ")");
        }
        if (probability != null && !(probability > 0 && probability < 1)) {
            problems.add(path + ".probability", "is " + probability + ", must lie strictly between 0 and 1");
        }
        if (action != null && !ACTIONS.contains(action)) {
            problems.add(path + ".action", "is '" + action + "', expected one of " + Sorted.of(ACTIONS));
        }
        if (readmitAfter != null && readmitAfter < 1) {
            problems.add(path + ".readmitAfter", "is " + readmitAfter + ", must be at least 1");
        }
        if (readmitAfter != null && action != null && ACTIONS.contains(action) && !action.equals("quarantine")) {
            problems.add(path + ".readmitAfter", "applies only to action quarantine (action is " + action + ")");
        }
    }

    /** The kernels' settings, defaults filled in (for validated settings). */
    public TrustSettings toSettings() {
        String a = action == null ? "quarantine" : action;
        return new TrustSettings(probability == null ? DEFAULT_PROBABILITY : probability,
                TrustAction.valueOf(a.toUpperCase(Locale.ROOT).replace('-', '_')),
                readmitAfter == null ? DEFAULT_READMIT_AFTER : readmitAfter,
                MAX_Z.equals(test) ? TrustTest.MAX_Z : TrustTest.CHI_SQUARE);
    }

    /** What shapes the stored state, for the settings' fingerprint. */
    public String fingerprint() {
        TrustSettings t = toSettings();
        return "trust=" + (test == null ? CHI_SQUARE : test) + "/" + t.probability() + "/" + t.action() + "/" + t.readmitAfter();
    }
}
