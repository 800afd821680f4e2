package io.bayesfuse.app.fuse;

import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JobFiles;
import io.bayesfuse.app.jsonl.JsonLinesJob;
import io.bayesfuse.kernels.fusion.state.UpdateOutcome;
import io.bayesfuse.kernels.fusion.state.InMemorySourceTable;
import io.bayesfuse.kernels.fusion.trust.TrustVerdict;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.fusion.FusionSelection;
import io.bayesfuse.topology.fusion.QuantityFusion;
import io.bayesfuse.topology.fusion.SelectedFusion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse fuse}: fuses a file of posterior updates offline exactly as the stream's fusion
 * stage does — each quantity by its own settings or the default, newest version per source, tracks
 * predicted to a common time — writing the fused posterior of the quantity after every accepted
 * update. Only input and output live here: the per-quantity logic is topology's
 * {@link QuantityFusion} over the kernels' rules, the same object the stream runs. What needs a
 * stream (Kafka tombstones, a source time to live in event time) does not apply offline.
 */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = {
                "Fuse a file of posterior updates offline with the configured fusion method (product with prior "
                        + "division, covariance intersection, Fisher merging, mixture product, consensus Monte Carlo) "
                        + "and write the fused posterior of the quantity after every accepted update. Each quantity is fused "
                        + "by its own settings (quantities.<id>) or the default (fusion), as in the stream; sources' time "
                        + "to live (sourceTtlMillis) is not applied offline.",
                "",
                "Input: JSON lines {\"quantityId\", \"sourceId\", \"version\" (integer), ...} with exactly one posterior: "
                        + "\"mean\" + \"covariance\" [[...]]; \"mean\" + \"covarianceDiagonal\" [...]; \"precision\" [[...]] + "
                        + "\"informationVector\" [...]; \"mean\" + \"fisherDiagonal\" [...]; \"components\": [{\"weight\", \"mean\", "
                        + "\"covariance\"}, ...] (a Gaussian mixture); \"samples\": [[...], ...] (draws); or \"retract\": true "
                        + "to remove the source. An optional \"timestamp\" (epoch milliseconds) is the time the posterior "
                        + "refers to; tracks (settings with a motionModel) need it and are predicted to the newest one.",
                "Only the newest version of each source counts: a newer version replaces the source's contribution, "
                        + "an older or equal one is ignored.",
                "With trust configured (trust: {probability, action, readmitAfter}; product, covariance-intersection, "
                        + "fisher, mixture-product) every update is tested against the fusion of the other sources as in the "
                        + "stream; a quarantined source does not count until it is readmitted, and the output line lists the "
                        + "quarantined sources as \"quarantined\": {id: version}.",
                "",
                "Output: JSON lines {\"quantityId\", [\"timestamp\"], \"mean\", \"covariance\" | \"fisherDiagonal\", [\"weights\"], "
                        + "[\"components\" | \"samples\"], \"sources\": {id: version}}, one per accepted update (weights of "
                        + "covariance intersection are in the order of sources, sorted by id). When the fused precision is not "
                        + "positive definite the line has \"status\": \"NOT_POSITIVE_DEFINITE\" and a \"detail\" instead "
                        + "of mean and covariance; after the last source is retracted, \"status\": \"NO_SOURCES\".",
                "",
                "Standard error: every ignored update as \"line N: quantity 'Q': source 'S' version V ignored: "
                        + "OLDER_VERSION|SAME_VERSION|UNKNOWN_SOURCE (newest was W)\", and every bad line (not JSON, a missing "
                        + "field, a wrong dimension, NaN, a covariance that is not symmetric positive definite, a product "
                        + "without a prior for a second source) as 'line N: problem (skipped)'; bad lines do not stop the "
                        + "run and change nothing. Under trust also every quarantine and readmission, as \"line N: quantity "
                        + "'Q': source 'S' version V quarantined (leave-one-out χ² X above the gate G)|readmitted\".",
                "",
                "Exit status: 0 when every line was processed (ignored stale updates included), 1 when some lines "
                        + "were skipped as bad, 2 when the configuration or the files cannot be used."
        })
public final class FuseCommand implements Callable<Integer> {

    @Mixin
    JobFiles files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FusionSelection selection;
        try {
            BayesfuseConfig loaded = ConfigLoader.load(files.config);
            if (!loaded.hasFusion()) {
                loaded.requireFusion();
            }
            selection = FusionSelection.compile(loaded);
        } catch (ConfigException e) {
            err.println("bayesfuse fuse: " + e.getMessage());
            return JsonLinesJob.UNUSABLE;
        }
        PosteriorUpdateJson parser = new PosteriorUpdateJson();
        Map<String, QuantityFusion> quantities = new HashMap<>();
        return JsonLinesJob.run("fuse", files.input, files.output, err, (lineNumber, text, out) -> {
            PosteriorUpdateJson.Update update = parser.parse(text);
            QuantityFusion fusion = quantityOf(update, selection, quantities);
            // event time only orders tombstones and expiries, which do not apply offline
            long eventTime = update.timestamp() == null ? 0L : update.timestamp();
            UpdateOutcome outcome = update.isRetraction()
                    ? fusion.retract(update.sourceId(), update.version(), eventTime)
                    : fusion.update(update.sourceId(), update.version(), update.posterior(), update.timestamp(), eventTime);
            if (outcome.accepted()) {
                QuantityFusion.Fused fused = fusion.result();
                out.write(FusedPosteriorJson.format(update.quantityId(), fused.timeMillis(), fused.result(),
                        fusion.allSources(), fused.quarantined()));
                out.newLine();
                reportTrust(lineNumber, update, fusion.lastTrustVerdict(), err);
            } else {
                err.println("line " + lineNumber + ": quantity '" + update.quantityId() + "': " + outcome.describe());
            }
        });
    }

    /** Under trust, a source's quarantine or readmission on standard error. */
    private static void reportTrust(long lineNumber, PosteriorUpdateJson.Update update, TrustVerdict verdict, PrintWriter err) {
        if (verdict == null || (verdict.state() != TrustVerdict.State.NEWLY_QUARANTINED
                && verdict.state() != TrustVerdict.State.READMITTED)) {
            return;
        }
        String what = verdict.state() == TrustVerdict.State.READMITTED ? "readmitted" : String.format(java.util.Locale.ROOT,
                "quarantined (leave-one-out χ² %.4g above the gate %.4g)", verdict.statistic(), verdict.threshold());
        err.println("line " + lineNumber + ": quantity '" + update.quantityId() + "': source '" + update.sourceId() + "' version "
                + update.version() + " " + what);
    }

    private static QuantityFusion quantityOf(PosteriorUpdateJson.Update update, FusionSelection selection,
                                             Map<String, QuantityFusion> quantities) throws BadLineException {
        QuantityFusion fusion = quantities.get(update.quantityId());
        if (fusion == null) {
            SelectedFusion settings = selection.forQuantity(update.quantityId());
            if (settings == null) {
                throw new BadLineException("quantity '" + update.quantityId() + "' has no fusion settings: configure fusion"
                        + " (the default) or quantities." + update.quantityId());
            }
            fusion = QuantityFusion.of(settings, null, new InMemorySourceTable());
            quantities.put(update.quantityId(), fusion);
        }
        if (!update.isRetraction() && fusion.settings().isDynamic() && update.timestamp() == null) {
            throw new BadLineException("source '" + update.sourceId() + "': timestamp is missing, but quantity '"
                    + update.quantityId() + "' is a track (motion model '" + fusion.settings().config().motionModel()
                    + "'): its posteriors are predicted to a common time before fusing");
        }
        return fusion;
    }
}
