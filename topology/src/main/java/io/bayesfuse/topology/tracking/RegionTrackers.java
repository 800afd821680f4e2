package io.bayesfuse.topology.tracking;

import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.topology.assembly.RegionTrackerFactory;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.TrackingConfig;

import java.util.Map;
import java.util.TreeMap;

/**
 * The kernels' {@link RegionTracker}s a configuration's {@code tracking} section describes (built by
 * {@link RegionTrackerFactory}): one for the regions without settings of their own and one per region
 * with overrides, and what built them. Trackers are not thread-safe: each stream task (and
 * {@code track}) builds its own.
 */
public final class RegionTrackers {

    private final RegionTracker defaults;
    private final Map<String, RegionTracker> byRegion;
    private final boolean listed;
    private final String filterType;
    private final String motionModels;
    private final String signature;

    private RegionTrackers(RegionTracker defaults, Map<String, RegionTracker> byRegion, boolean listed, String filterType,
                           String motionModels, String signature) {
        this.defaults = defaults;
        this.byRegion = byRegion;
        this.listed = listed;
        this.filterType = filterType;
        this.motionModels = motionModels;
        this.signature = signature;
    }

    /** Checks a validated configuration's tracking section by building it (ConfigException when it does not fit). */
    public static void compile(BayesfuseConfig config) {
        create(config);
    }

    public static RegionTrackers create(BayesfuseConfig config) {
        TrackingConfig tracking = config.requireTracking();
        FilterConfig filter = tracking.asFilter();
        StateLayout layout = RegionTrackerFactory.layout(config);
        RegionTracker defaults = RegionTrackerFactory.tracker(config, layout, null, "tracking");
        Map<String, RegionTracker> byRegion = new TreeMap<>();
        tracking.regions().forEach((region, override) -> byRegion.put(region,
                RegionTrackerFactory.tracker(config, layout, override, "tracking.regions." + region)));
        String motionModels = String.join("+", filter.motionModelIds());
        String signature = filter.type() + " " + motionModels + " " + layout.size();
        return new RegionTrackers(defaults, byRegion, !tracking.regions().isEmpty(), filter.type(), motionModels, signature);
    }

    /** The tracker of {@code region}, or null when the configuration lists its regions and this is not one. */
    public RegionTracker forRegion(String region) {
        RegionTracker own = byRegion.get(region);
        if (own != null) {
            return own;
        }
        return listed ? null : defaults;
    }

    /** The regions the configuration lists (empty: any region is tracked). */
    public java.util.Set<String> listedRegions() {
        return byRegion.keySet();
    }

    /** kf, ekf, ukf or imm. */
    public String filterType() {
        return filterType;
    }

    /** The motion model ids, joined by '+'. */
    public String motionModels() {
        return motionModels;
    }

    /** What built the trackers' states: a stored region with another signature starts again. */
    public String signature() {
        return signature;
    }
}
