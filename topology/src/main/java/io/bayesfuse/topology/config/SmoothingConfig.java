package io.bayesfuse.topology.config;

/**
 * Fixed-lag smoothing of a filter's entities (the top-level filter or an entity class's), e.g.
 * <pre>
 * smoothing: {lag: 5}                 # or {enabled: false, lag: 5}
 * </pre>
 * Every measurement of an entity then also yields the Rauch–Tung–Striebel smoothed estimate of the
 * entity {@code lag} measurements earlier, published with status SMOOTHED on the {@code smoothed}
 * topic. The lag counts measurements (the kernels' fixed-lag smoother keeps the last L + 1 filtered
 * estimates), not milliseconds: at a measurement every T ms the smoothed estimate is about L·T ms old.
 * Needs a kf, ekf, ukf or information filter.
 *
 * @param enabled whether smoothing runs (default true)
 * @param lag     L ≥ 1 measurements
 */
public record SmoothingConfig(Boolean enabled, Integer lag) {

    public boolean on() {
        return enabled == null || enabled;
    }

    void validate(String path, Problems problems) {
        if (problems.requirePresent(path + ".lag", lag) && lag < 1) {
            problems.add(path + ".lag", "is " + lag + ", must be at least 1 measurement");
        }
        if (lag != null && lag > 1000) {
            problems.add(path + ".lag", "is " + lag + ", at most 1000 measurements (each costs an RTS step per measurement)");
        }
    }
}
