package io.bayesfuse.benchmarks;

import io.bayesfuse.app.BayesfuseSubcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bayesfuse bench}: benchmarks of the pipeline, its scaling, and a soak test (added to {@code bayesfuse} as a {@link BayesfuseSubcommand}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: 'pipeline' measures the stages against a baseline in one run, 'scaling' sweeps "
                + "entities, threads, instances, guarantees and sources per quantity, 'models' sweeps the size of chunked "
                + "models (Fisher merging, heap high-water mark), 'soak' holds a fixed input rate for a duration, 'tracking' "
                + "measures multi-target tracking (scans/s with many targets and clutter, and against regions).",
                "The kernels' JMH suites run with: ./mvnw -pl kernels -am -Pjmh verify (see docs/benchmarks.md)."},
        subcommands = {PipelineCommand.class, ScalingCommand.class, ModelsCommand.class, SoakCommand.class,
                TrackingBenchCommand.class})
public final class BenchCommand implements Runnable, BayesfuseSubcommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
