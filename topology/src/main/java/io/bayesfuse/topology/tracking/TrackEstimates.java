package io.bayesfuse.topology.tracking;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.kernels.tracking.TrackReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A track's report after a scan as the {@link Estimate} published on the tracks topic. */
public final class TrackEstimates {

    private TrackEstimates() {
    }

    /**
     * @param time     the time of the track's state (the region's newest scan)
     * @param sensorId the sensor of the scan that produced it
     * @param scanTime that scan's time (differs from {@code time} for a late scan)
     * @param message  a note (why a track ended, a revision), or null
     */
    public static Estimate of(String region, TrackReport report, long time, String sensorId, long scanTime,
                              RegionTrackers trackers, Lineage lineage, String site, String message) {
        List<Double> mean = new ArrayList<>(report.x().length);
        for (double v : report.x()) {
            mean.add(v);
        }
        int n = report.P().length;
        List<Double> values = new ArrayList<>(n * n);
        for (double[] row : report.P()) {
            for (double v : row) {
                values.add(v);
            }
        }
        return Estimate.newBuilder()
                .setEntityId(report.trackId())
                .setTimestamp(Instant.ofEpochMilli(time))
                .setStatus(status(report))
                .setSensorId(sensorId)
                .setMeasurementTimestamp(Instant.ofEpochMilli(scanTime))
                .setFilterType(trackers.filterType())
                .setMotionModel(trackers.motionModels())
                .setMean(mean)
                .setCovariance(new Matrix(n, n, values))
                .setLineage(lineage)
                .setSite(site)
                .setMessage(report.detail() != null ? report.detail() : message)
                .setTrackId(report.trackId())
                .setRegion(region)
                .build();
    }

    public static EstimateStatus status(TrackReport report) {
        return switch (report.status()) {
            case TENTATIVE -> EstimateStatus.TENTATIVE;
            case CONFIRMED -> EstimateStatus.CONFIRMED;
            case DELETED -> EstimateStatus.DELETED;
        };
    }
}
