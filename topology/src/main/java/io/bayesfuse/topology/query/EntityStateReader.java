package io.bayesfuse.topology.query;

import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.filtering.FilterSelection;
import io.bayesfuse.topology.filtering.SelectedFilter;
import io.bayesfuse.topology.filtering.TrackedEntity;

/**
 * Turns a stored {@link TrackedEntity} into an {@link EntitySnapshot}: its mean and covariance as
 * the filter that built it reports them (a particle filter's weighted moments, an IMM's
 * moment-matched mixture), read by restoring the state into a filter of the same configuration.
 * The reader keeps its own filters (the stream threads' are not shared) and is thread-safe.
 * A state built by a filter the configuration file no longer has (e.g. one from a live
 * configuration change) is read directly when it is Gaussian, and otherwise has no mean.
 */
public final class EntityStateReader {

    private final FilterSelection filters;
    private final MapGeometry geometry;

    public EntityStateReader(BayesfuseConfig config) {
        this.filters = FilterSelection.compile(config);
        this.geometry = new MapGeometry(config);
    }

    /** The snapshot of entity {@code entityId}'s stored state. */
    public synchronized EntitySnapshot read(String entityId, TrackedEntity entity) {
        SelectedFilter filter = filters.filterOf(entity);
        double[] x;
        double[][] P;
        if (filter != null) {
            TrackingResult current = filter.tracker().predict(entityId, entity.state(), entity.state().time());
            x = current.x();
            P = current.P();
        } else if (entity.state().current() instanceof GaussianState g) {
            x = g.x().clone();
            P = rows(g.P(), x.length);
        } else {
            x = new double[0];
            P = new double[0][0];
        }
        String motionModel = String.join("+", entity.state().modelIds());
        MapGeometry.Placement placement = x.length == 0 ? null : geometry.place(motionModel, x, flat(P));
        java.util.SortedMap<String, double[][]> learned = new java.util.TreeMap<>();
        entity.state().noise().forEach((sensor, posterior) -> learned.put(sensor, posterior.mean()));
        return new EntitySnapshot(entityId, entity.state().time(), entity.entityClass(), entity.filterType(),
                entity.state().modelIds(), x, P, placement, learned);
    }

    private static double[][] rows(double[] flat, int n) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * n, rows[i], 0, n);
        }
        return rows;
    }

    private static double[] flat(double[][] rows) {
        int n = rows.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * n, n);
        }
        return flat;
    }
}
