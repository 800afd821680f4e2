package io.bayesfuse.topology.tracking;

import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.TrackReport;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import io.bayesfuse.kernels.tracking.TrackingScore;
import io.bayesfuse.topology.metrics.TrackingMetrics;

import java.util.List;

/**
 * Scores a region's tracks at one scan time against the truth of that time: GOSPA (p = 1, c = 10,
 * α = 2) over the CONFIRMED tracks' positions, and the NEES of each confirmed track GOSPA paired with
 * a target; recorded as the tracking stage's meters ({@link TrackingMetrics#score}).
 */
final class RegionScoring {

    private RegionScoring() {
    }

    static void score(String region, RegionTracker tracker, List<TrackReport> tracks, List<double[]> truth,
                      TrackingMetrics metrics) {
        TrackingScore score = tracker.score(Gospa.standard());
        score.add(tracks, truth);
        double half = Math.pow(score.gospa().cutoff(), score.gospa().order()) / 2;
        metrics.score(region, score.total(), score.localisation(), half * score.missed(), half * score.falseTracks(),
                score.consistency().count(), score.consistency().count() == 0 ? 0 : score.consistency().anees() * score.consistency().count());
    }
}
