package io.bayesfuse.app.fuse;

import io.bayesfuse.app.jsonl.JsonLinesJob;
import io.bayesfuse.kernels.fusion.UpdateOutcome;
import io.bayesfuse.kernels.fusion.VersionedFusion;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.fusion.FusionRuleFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse fuse}: fuses a file of posterior updates offline with the configured rule and
 * the same version semantics as the stream (newest version per source wins), writing the fused
 * posterior of the quantity after every accepted update. Only input and output live here: the
 * rules are the kernels', built from the configuration by topology's {@link FusionRuleFactory}.
 */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = {
                "Fuse a file of posterior updates offline with the configured fusion method (product with prior "
                        + "division, covariance intersection, Fisher merging, mixture product, consensus Monte Carlo) "
                        + "and write the fused posterior of the quantity after every accepted update.",
                "",
                "Input: JSON lines {\"quantityId\", \"sourceId\", \"version\" (integer), ...} with exactly one posterior: "
                        + "\"mean\" + \"covariance\" [[...]]; \"mean\" + \"covarianceDiagonal\" [...]; \"precision\" [[...]] + "
                        + "\"informationVector\" [...]; \"mean\" + \"fisherDiagonal\" [...]; \"components\": [{\"weight\", \"mean\", "
                        + "\"covariance\"}, ...] (a Gaussian mixture); \"samples\": [[...], ...] (draws); or \"retract\": true "
                        + "to remove the source.",
                "Only the newest version of each source counts: a newer version replaces the source's contribution, "
                        + "an older or equal one is ignored.",
                "",
                "Output: JSON lines {\"quantityId\", \"mean\", \"covariance\" | \"fisherDiagonal\", [\"weights\"], "
                        + "[\"components\" | \"samples\"], \"sources\": {id: version}}, one per accepted update (weights of "
                        + "covariance intersection are in the order of sources). When the fused precision is not "
                        + "positive definite the line has \"status\": \"NOT_POSITIVE_DEFINITE\" and a \"detail\" instead "
                        + "of mean and covariance; after the last source is retracted, \"status\": \"NO_SOURCES\".",
                "",
                "Standard error: every ignored update as \"line N: quantity 'Q': source 'S' version V ignored: "
                        + "OLDER_VERSION|SAME_VERSION|UNKNOWN_SOURCE (newest was W)\", and every bad line (not JSON, a missing "
                        + "field, a wrong dimension, NaN, a covariance that is not symmetric positive definite, a product "
                        + "without a prior for a second source) as 'line N: problem (skipped)'; bad lines do not stop the "
                        + "run and change nothing.",
                "",
                "Exit status: 0 when every line was processed (ignored stale updates included), 1 when some lines "
                        + "were skipped as bad, 2 when the configuration or the files cannot be used."
        })
public final class FuseCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration (its fusion section is used)")
    Path config;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "posterior updates, one JSON object per line")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "where to write the fused posteriors (replaced)")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FusionRuleFactory factory;
        try {
            factory = new FusionRuleFactory(ConfigLoader.load(config).requireFusion());
        } catch (ConfigException e) {
            err.println("bayesfuse fuse: " + e.getMessage());
            return JsonLinesJob.UNUSABLE;
        }
        PosteriorUpdateJson parser = new PosteriorUpdateJson();
        Map<String, VersionedFusion> quantities = new HashMap<>();
        return JsonLinesJob.run("fuse", input, output, err, (lineNumber, text, out) -> {
            PosteriorUpdateJson.Update update = parser.parse(text);
            VersionedFusion fusion = quantities.computeIfAbsent(update.quantityId(), q -> factory.newQuantity());
            UpdateOutcome outcome = update.isRetraction()
                    ? fusion.retract(update.sourceId(), update.version())
                    : fusion.update(update.sourceId(), update.version(), update.posterior());
            if (outcome.accepted()) {
                out.write(FusedPosteriorJson.format(update.quantityId(), fusion.result(), fusion.sources()));
                out.newLine();
            } else {
                err.println("line " + lineNumber + ": quantity '" + update.quantityId() + "': " + outcome.describe());
            }
        });
    }
}
