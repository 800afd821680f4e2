package io.bayesfuse.app.track;

import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JsonLinesJob;
import io.bayesfuse.kernels.codec.RegionStateCodec;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.ScanResult;
import io.bayesfuse.kernels.tracking.TrackReport;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import io.bayesfuse.kernels.tracking.TrackingScore;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.tracking.RegionTrackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code bayesfuse track}: runs the per-region multi-target tracker ({@link RegionTracker}, the same
 * code the stream's tracking stage runs, with region states kept encoded as in its store) over a
 * file of detection scans and writes, after each scan, one line per track of its region. With
 * {@code --truth} it scores the confirmed tracks with GOSPA and reports the time per scan. Only
 * input, output and bookkeeping live here.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = {
                "Track unlabelled detections offline with the same per-region logic the stream runs (predict, "
                        + "gate, associate, update, initiate, delete) and write the tracks after every scan.",
                "",
                "Input: JSON lines {\"timestamp\" (epoch ms), \"region\", \"sensorId\", \"detections\": [{\"z\": [...]}, "
                        + "{\"z\": [...], \"R\": [[...]]}]}, one per scan (an empty list: nothing seen).",
                "Output: after each scan, one JSON line per track of its region alive after it, and one with status "
                        + "DELETED per track the scan ended: {\"timestamp\", \"region\", \"trackId\", \"status\" "
                        + "(TENTATIVE, CONFIRMED or DELETED), \"x\", \"P\"}. A late scan (with tracking.outOfOrder) re-runs "
                        + "its region and writes its tracks at the region's newest time.",
                "",
                "With --truth FILE ({\"timestamp\", \"truth\": [{\"id\", \"x\"}]} per line), the confirmed tracks are "
                        + "scored with GOSPA (p = 1, c = 10, alpha = 2) at every scan time of the truth file, summed, "
                        + "and the consistency (ANEES) of the tracks paired with a target; the summary goes to standard "
                        + "output, with the time per scan.",
                "",
                "A bad line (not JSON, a missing field, an unknown sensor or region, a wrong dimension, NaN, a scan "
                        + "older than the window) does not stop the run: it is reported on standard error as "
                        + "'line N: problem' and the other lines are processed.",
                "",
                "Exit status: 0 when every line was processed, 1 when some lines were skipped as bad, "
                        + "2 when the configuration or the files cannot be used."
        })
public final class TrackCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration (its tracking section is used)")
    Path config;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "detection scans, one JSON object per line")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "where to write the tracks (replaced)")
    Path output;

    @Option(names = "--truth", paramLabel = "FILE", description = "the true states, to score the confirmed tracks with GOSPA")
    Path truth;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        RegionTrackers trackers;
        Map<Long, Map<String, List<double[]>>> truthByTime = null;
        try {
            BayesfuseConfig loaded = ConfigLoader.load(config);
            trackers = RegionTrackers.create(loaded);
            if (truth != null) {
                truthByTime = TruthJson.read(truth);
            }
        } catch (ConfigException | BadLineException e) {
            err.println("bayesfuse track: " + e.getMessage());
            return JsonLinesJob.UNUSABLE;
        } catch (IOException e) {
            err.println("bayesfuse track: cannot read " + truth + ": " + e);
            return JsonLinesJob.UNUSABLE;
        }
        DetectionScanJson parser = new DetectionScanJson();
        Map<String, byte[]> store = new HashMap<>();
        Map<String, TrackingScore> scores = new TreeMap<>();
        Set<String> scored = new HashSet<>();
        Map<Long, Map<String, List<double[]>>> truths = truthByTime;
        long[] trackingNanos = {0};
        int[] scans = {0};
        long started = System.nanoTime();
        int status = JsonLinesJob.run("track", input, output, err, (lineNumber, text, writer) -> {
            DetectionScanJson.Line line = parser.parse(text);
            RegionTracker tracker = trackers.forRegion(line.region());
            if (tracker == null) {
                throw new BadLineException("region '" + line.region() + "' is not one of tracking.regions "
                        + trackers.listedRegions());
            }
            long t0 = System.nanoTime();
            byte[] stored = store.get(line.region());
            RegionState state = null;
            if (stored != null) {
                RegionStateCodec.Stored decoded = RegionStateCodec.decode(stored);
                state = decoded.signature().equals(trackers.signature()) ? decoded.state() : null;
            }
            ScanResult result = tracker.process(line.region(), state, line.scan());
            if (result.status() == ScanResult.Status.TOO_LATE) {
                throw new BadLineException("too late: " + result.detail());
            }
            store.put(line.region(), RegionStateCodec.encode(trackers.signature(), result.state()));
            trackingNanos[0] += System.nanoTime() - t0;
            scans[0]++;
            for (TrackReport report : result.reports()) {
                writer.write(TrackJson.format(result.time(), line.region(), report));
                writer.newLine();
            }
            if (truths != null) {
                List<double[]> expected = TruthJson.at(truths, result.time(), line.region());
                if (expected != null && scored.add(line.region() + "@" + result.time())) {
                    scores.computeIfAbsent(line.region(), r -> tracker.score(Gospa.standard()))
                            .add(result.reports(), expected);
                }
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        if (scans[0] > 0) {
            out.printf(Locale.ROOT, "tracked %d scans in %.3f s: %.1f µs per scan (%.1f µs in the tracker, state codec included)%n",
                    scans[0], seconds, seconds * 1e6 / scans[0], trackingNanos[0] / 1e3 / scans[0]);
        }
        scores.forEach((region, score) -> {
            double half = Math.pow(score.gospa().cutoff(), score.gospa().order()) / 2;
            out.printf(Locale.ROOT, "region %s: GOSPA %.6f over %d scans (localisation %.6f, missed %d target-scans = %.1f,"
                            + " false %d track-scans = %.1f); ANEES %.3f over %d paired estimates%n",
                    region, score.total(), score.scans(), score.localisation(), score.missed(), score.missed() * half,
                    score.falseTracks(), score.falseTracks() * half, score.consistency().anees(), score.consistency().count());
        });
        out.flush();
        return status;
    }
}
