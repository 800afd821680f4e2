package io.bayesfuse.benchmarks;

import picocli.CommandLine.Option;

/** The size of a benchmark's synthetic input: the entities measured and the posteriors fused. */
public final class WorkloadOptions {

    @Option(names = "--entities", defaultValue = "1000", description = "Entities the measurements spread over (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--quantities", defaultValue = "10", description = "Quantities the posterior updates spread over (default: ${DEFAULT-VALUE}).")
    int quantities;

    @Option(names = "--sources", defaultValue = "100", description = "Sources per quantity, K (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--dimension", defaultValue = "16", description = "Dimension of the fused posteriors, d (default: ${DEFAULT-VALUE}).")
    int dimension;
}
