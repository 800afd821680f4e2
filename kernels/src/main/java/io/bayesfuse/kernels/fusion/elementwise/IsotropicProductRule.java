package io.bayesfuse.kernels.fusion.elementwise;

import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.IncrementalFusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;

/**
 * The shared part of the elementwise product rules: the isotropic prior N(m·1, v·I) their sources
 * share (or none, for a single source), and the admission of a posterior in the form the rule needs.
 */
abstract class IsotropicProductRule extends IncrementalFusionRule {

    /** The prior every source used, or null (then at most one source). */
    protected final IsotropicPrior prior;

    IsotropicProductRule(IsotropicPrior prior) {
        this.prior = prior;
    }

    /**
     * The posterior in the form this rule needs, once it is known that it may join (a second source
     * needs the shared prior).
     *
     * @param method what the rule is called in messages
     * @param needs  the field the rule needs, as the input spells it
     */
    protected final <T extends SourcePosterior> T admitted(String subject, String sourceId, SourcePosterior posterior,
                                                           Class<T> form, String method, String needs, Contributions sources) {
        if (!form.isInstance(posterior)) {
            throw PosteriorChecks.wrongForm(subject, posterior, method, needs);
        }
        PosteriorChecks.requirePriorForSecondSource(subject, prior != null, sourceId, sources);
        return form.cast(posterior);
    }
}
