package io.bayesfuse.topology.query;

import io.bayesfuse.kernels.gaussian.ConfidenceEllipse;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.MotionModelConfig;
import io.bayesfuse.topology.assembly.MotionModelFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a state estimate lies on a 2-D map: the first two position axes of its motion model's
 * layout, the matching velocity (when the model has one) and the k-sigma ellipse of the position
 * block of its covariance. Motion models are looked up in the configuration by the id an
 * estimate carries ('+'-joined ids of an IMM: the largest model's layout, which the IMM's output
 * uses).
 */
public final class MapGeometry {

    /** The ellipses drawn are 2-sigma (86.5% of the probability in 2-D). */
    public static final double SIGMA = 2.0;

    private final BayesfuseConfig config;
    private final Map<String, StateLayout> layouts = new HashMap<>();

    /**
     * @param x       east position
     * @param y       north position
     * @param vx      east velocity, NaN when the state has none
     * @param vy      north velocity, NaN when the state has none
     * @param ellipse the 2-sigma ellipse of (x, y)
     */
    public record Placement(double x, double y, double vx, double vy, ConfidenceEllipse ellipse) {
    }

    public MapGeometry(BayesfuseConfig config) {
        this.config = config;
    }

    /**
     * The placement of the estimate (x, P) of a state of motion model(s) {@code motionModel}, or
     * null when that layout has fewer than two position axes or the model is unknown.
     *
     * @param P row-major n×n
     */
    public synchronized Placement place(String motionModel, double[] x, double[] P) {
        StateLayout layout = layout(motionModel);
        if (layout == null || !layout.isKinematic() || layout.axes() < 2 || x.length != layout.size()
                || P.length != x.length * x.length) {
            return null;
        }
        int n = x.length;
        int ix = layout.positionIndex(0);
        int iy = layout.positionIndex(1);
        double vx = Double.NaN;
        double vy = Double.NaN;
        if (layout.order() >= 1) {
            vx = x[layout.index(0, 1)];
            vy = x[layout.index(1, 1)];
        }
        ConfidenceEllipse ellipse;
        try {
            ellipse = ConfidenceEllipse.of(P[ix * n + ix], 0.5 * (P[ix * n + iy] + P[iy * n + ix]), P[iy * n + iy], SIGMA);
        } catch (IllegalArgumentException e) {
            ellipse = null;
        }
        return new Placement(x[ix], x[iy], vx, vy, ellipse);
    }

    /** The layout of a motion model id (or '+'-joined ids), null when unknown or not kinematic. */
    private StateLayout layout(String motionModel) {
        if (motionModel == null) {
            return null;
        }
        return layouts.computeIfAbsent(motionModel, ids -> {
            StateLayout largest = null;
            for (String id : ids.split("\\+")) {
                MotionModelConfig model = config.motionModels().get(id);
                if (model == null || !model.isKinematic()) {
                    return null;
                }
                StateLayout layout = MotionModelFactory.motionModel(id, model).layout();
                if (largest == null || layout.size() > largest.size()) {
                    largest = layout;
                }
            }
            return largest;
        });
    }
}
