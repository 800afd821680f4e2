package io.bayesfuse.kernels.tracking;

import java.util.List;
import java.util.Objects;

/**
 * Everything one sensor detected in a region at one time (FORMAT.md "Multi-target tracking
 * scenarios"): no detection names its target. An empty list is a scan in which nothing was seen,
 * and counts as a miss for every track.
 *
 * @param sensorId   the sensor's id in the configuration
 * @param timestamp  the scan's event time, epoch milliseconds
 * @param detections the detections, in any order
 */
public record Scan(String sensorId, long timestamp, List<Detection> detections) {

    public Scan {
        Objects.requireNonNull(sensorId, "sensorId");
        detections = List.copyOf(detections);
    }
}
