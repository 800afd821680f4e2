package io.bayesfuse.app;

import io.bayesfuse.app.jsonl.JobFiles;
import io.bayesfuse.app.jsonl.JsonLinesJob;
import io.bayesfuse.kernels.codec.EntityStateCodec;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.assembly.TrackerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse replay}: runs the per-entity filter ({@link EntityTracker}, the same code the
 * stream processor runs) over a file of measurements and writes one estimate per measurement.
 * Only input and output live here; entity states are kept encoded, as in the stream's store.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
                "Filter a file of measurements offline with the same per-entity logic the stream runs "
                        + "(gating, out-of-order history) and write one estimate per measurement.",
                "",
                "Input: JSON lines {\"entityId\", \"sensorId\", \"timestamp\" (epoch ms), \"z\": [...]} with an "
                        + "optional \"R\": [[...]] overriding the sensor's noise.",
                "Output: JSON lines {\"entityId\", \"sensorId\", \"timestamp\", \"status\", \"x\", \"P\", \"nis\"} in input "
                        + "order; status is UPDATED, REJECTED (gated out), REVISED (a late measurement was inserted; "
                        + "x and P are the entity's newest state), RESET (the state diverged and restarted from the "
                        + "prior; with a \"detail\") or TOO_LATE (older than the out-of-order window; state unchanged).",
                "",
                "A bad input line (not JSON, a missing field, an unknown sensor, a wrong dimension, NaN, an R that "
                        + "is not symmetric positive definite) does not stop the replay, as it would not stop the "
                        + "stream: it is reported on standard error as 'line N: problem', gets no output line, and "
                        + "the other lines are processed.",
                "",
                "Exit status: 0 when every line was processed, 1 when some lines were skipped as bad, "
                        + "2 when the configuration or the files cannot be used."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    JobFiles files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EntityTracker tracker;
        try {
            tracker = TrackerFactory.create(ConfigLoader.load(files.config));
        } catch (ConfigException e) {
            err.println("bayesfuse replay: " + e.getMessage());
            return JsonLinesJob.UNUSABLE;
        }
        MeasurementJson parser = new MeasurementJson();
        Map<String, byte[]> store = new HashMap<>();
        return JsonLinesJob.run("replay", files.input, files.output, err, (lineNumber, text, out) -> {
            MeasurementJson.Line line = parser.parse(text);
            byte[] stored = store.get(line.entityId());
            EntityState state = stored == null ? null : EntityStateCodec.decode(stored);
            TrackingResult result = tracker.process(line.entityId(), state, line.measurement());
            store.put(line.entityId(), EntityStateCodec.encode(result.state()));
            out.write(EstimateJson.format(line.entityId(), line.measurement(), result));
            out.newLine();
        });
    }
}
