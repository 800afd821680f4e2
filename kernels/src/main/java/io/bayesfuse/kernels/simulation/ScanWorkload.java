package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * Detection scans for benchmarks: {@code regions} regions, each with {@code targets} targets moving
 * at constant velocity (a small random acceleration) in a 10 km square, scanned once a second by a
 * position sensor (P_D 0.9, σ 5 m) that adds {@code clutter} false detections a scan, uniform over the
 * square. Scans come region after region within each second, in time order. The same arguments give
 * the same scans.
 */
public final class ScanWorkload {

    /** Half the side of each region's square (m). */
    public static final double HALF_WIDTH = 5000;
    /** The sensor's σ per axis (m). */
    public static final double SIGMA = 5;

    /** One scan: its region, time (ms since start) and detections [x, y]. */
    public record Scan(String region, long time, List<double[]> detections) {
    }

    private ScanWorkload() {
    }

    /** The clutter density λ (per m²) of {@code clutter} false detections a scan. */
    public static double clutterDensity(int clutter) {
        return clutter / (4 * HALF_WIDTH * HALF_WIDTH);
    }

    /** {@code scans} scans in total, spread over the regions in turn. */
    public static List<Scan> of(int regions, int targets, int clutter, int scans, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        double[][][] x = new double[regions][targets][];
        for (int r = 0; r < regions; r++) {
            for (int t = 0; t < targets; t++) {
                double speed = 5 + 20 * random.nextDouble();
                double heading = 2 * Math.PI * random.nextDouble();
                x[r][t] = new double[]{(2 * random.nextDouble() - 1) * 0.8 * HALF_WIDTH, speed * Math.cos(heading),
                        (2 * random.nextDouble() - 1) * 0.8 * HALF_WIDTH, speed * Math.sin(heading)};
            }
        }
        SurveillanceRadar radar = new SurveillanceRadar("bench", "radar", 1000, 0.9, SIGMA, clutter, HALF_WIDTH);
        List<Scan> out = new ArrayList<>(scans);
        for (int k = 0; out.size() < scans; k++) {
            for (int r = 0; r < regions && out.size() < scans; r++) {
                List<TargetState> states = new ArrayList<>(targets);
                for (double[] s : x[r]) {
                    s[1] += 0.3 * random.nextGaussian();
                    s[3] += 0.3 * random.nextGaussian();
                    s[0] += s[1];
                    s[2] += s[3];
                    if (Math.abs(s[0]) > HALF_WIDTH) {
                        s[1] = -s[1];
                    }
                    if (Math.abs(s[2]) > HALF_WIDTH) {
                        s[3] = -s[3];
                    }
                    states.add(new TargetState(1000L * k, s[0], s[1], s[2], s[3]));
                }
                out.add(new Scan("region-" + r, 1000L * k + r, radar.scan(states, random)));
            }
        }
        return out;
    }
}
