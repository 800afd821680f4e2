package io.bayesfuse.kernels.simulation;

import java.util.Arrays;

/**
 * A position sensor that degrades for a while, again and again (multipath, a bad almanac): during
 * each episode its readings carry a constant bias on top of their noise. Active from {@code start}
 * for {@code length} ms, then every {@code every} ms again. The changepoint detector is meant to
 * find these.
 *
 * @param start  first episode, ms since start of the simulation
 * @param length how long each episode lasts (ms)
 * @param every  period of the episodes (ms), at least {@code length}
 * @param bias   the bias added to each reading's [x, y] during an episode (m)
 */
public record Degradation(long start, long length, long every, double[] bias) {

    public static final Degradation NONE = new Degradation(Long.MAX_VALUE, 0, Long.MAX_VALUE, new double[]{0, 0});

    public Degradation {
        if (start < 0 || length < 0 || every <= 0 || length > every) {
            throw new IllegalArgumentException("degradation needs start >= 0, length >= 0 and every >= length > 0, got start="
                    + start + ", length=" + length + ", every=" + every);
        }
        if (bias == null || bias.length != 2 || !Double.isFinite(bias[0]) || !Double.isFinite(bias[1])) {
            throw new IllegalArgumentException("degradation bias must be two finite numbers [x, y], got " + Arrays.toString(bias));
        }
        bias = bias.clone();
    }

    /** True when the sensor is degraded at {@code time}. */
    public boolean isActive(long time) {
        if (length == 0 || time < start) {
            return false;
        }
        return (time - start) % every < length;
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }
}
