package io.bayesfuse.benchmarks;

import java.util.List;

/**
 * The runs of the sources sweep of {@code bench scaling}: for K sources per quantity, the baseline
 * on posterior updates and the fusion stage, each with a warm-up of at least Q K records and at
 * least Q K measured records (Q quantities). {@link PosteriorWorkload} sends record i for
 * source-quantity pair i mod (Q K), so the warm-up carries every source's first arrival and the
 * measured window updates every source again: it measures replacements, not first arrivals.
 */
public final class SourcesSweep {

    /** The stages each K runs, in order. */
    public static final List<Stage> STAGES = List.of(Stage.BASELINE_POSTERIORS, Stage.FUSION);

    private SourcesSweep() {
    }

    /** The settings of the run at {@code sources} sources per quantity, from the sweep's base settings. */
    public static PipelineSettings settings(PipelineSettings base, int sources) {
        long pairs = (long) base.quantities() * sources;
        return base.withSources(sources)
                .withWarmupRecords(Math.max(base.warmupRecords(), pairs))
                .withRecords(Math.max(base.records(), pairs))
                .withStages(STAGES)
                .withRate(0);
    }
}
