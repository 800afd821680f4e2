package io.bayesfuse.kernels.simulation;

/**
 * A sensor that fails for a while, again and again: silent from {@code start} for {@code length}
 * ms, then every {@code every} ms again.
 *
 * @param start  first failure, ms since start of the simulation
 * @param length how long each failure lasts (ms)
 * @param every  period of the failures (ms), at least {@code length}
 */
public record Outage(long start, long length, long every) {

    public static final Outage NONE = new Outage(Long.MAX_VALUE, 0, Long.MAX_VALUE);

    public Outage {
        if (start < 0 || length < 0 || every <= 0 || length > every) {
            throw new IllegalArgumentException("outage needs start >= 0, length >= 0 and every >= length > 0, got start="
                    + start + ", length=" + length + ", every=" + every);
        }
    }

    /** True when the sensor is down at {@code time}. */
    public boolean isDown(long time) {
        if (length == 0 || time < start) {
            return false;
        }
        return (time - start) % every < length;
    }
}
