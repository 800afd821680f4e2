package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * A surveillance sensor that reports unlabelled position plots of every target in its region once a
 * scan: each target is detected with probability P_D at z = [x, y] + e, e ~ N(0, σ²I), and a
 * Poisson number of false detections (mean {@code clutterPerScan}) falls uniformly over the region's
 * square [−halfWidth, halfWidth]². The detections of a scan are shuffled: their order says nothing.
 *
 * @param region         the region the scans are of
 * @param sensorId       the sensor's id
 * @param periodMillis   the time between scans
 * @param detection      P_D
 * @param sigma          σ (m) of each position component
 * @param clutterPerScan the mean number of false detections per scan
 * @param halfWidth      half the side (m) of the square region
 */
public record SurveillanceRadar(String region, String sensorId, long periodMillis, double detection, double sigma,
                                double clutterPerScan, double halfWidth) {

    public SurveillanceRadar {
        if (periodMillis <= 0 || !(detection > 0 && detection <= 1) || !(sigma > 0) || !(clutterPerScan >= 0) || !(halfWidth > 0)) {
            throw new IllegalArgumentException("a surveillance radar needs period > 0, P_D in (0, 1], sigma > 0, "
                    + "clutter >= 0 and a region > 0");
        }
    }

    /** The demo's: region "arena" (2.4 km square), 1 scan/s, P_D 0.9, σ 5 m, 10 false detections a scan. */
    public static SurveillanceRadar standard() {
        return new SurveillanceRadar("arena", "surveillance", 1000, 0.9, 5, 10, 1200);
    }

    /** The clutter density λ: false detections per m² (what a tracker's clutterDensity should be). */
    public double clutterDensity() {
        return clutterPerScan / (4 * halfWidth * halfWidth);
    }

    /** One scan of {@code targets}: their detections and the clutter, shuffled. */
    public List<double[]> scan(List<TargetState> targets, SplitMix64 random) {
        List<double[]> detections = new ArrayList<>();
        for (TargetState t : targets) {
            if (random.nextDouble() < detection) {
                detections.add(new double[]{t.x() + sigma * random.nextGaussian(), t.y() + sigma * random.nextGaussian()});
            }
        }
        int clutter = poisson(clutterPerScan, random);
        for (int i = 0; i < clutter; i++) {
            detections.add(new double[]{(2 * random.nextDouble() - 1) * halfWidth, (2 * random.nextDouble() - 1) * halfWidth});
        }
        for (int i = detections.size() - 1; i > 0; i--) {
            int j = (int) (random.nextDouble() * (i + 1));
            double[] swap = detections.get(i);
            detections.set(i, detections.get(j));
            detections.set(j, swap);
        }
        return detections;
    }

    /** A Poisson draw by Knuth's multiplication method (fine for the small means used here). */
    static int poisson(double mean, SplitMix64 random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
