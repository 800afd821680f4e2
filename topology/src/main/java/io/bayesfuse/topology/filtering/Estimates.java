package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link Estimate} record of a tracking result. */
public final class Estimates {

    private Estimates() {
    }

    /**
     * @param entityId             the entity
     * @param time                 event time the state refers to
     * @param status               the estimate's status
     * @param sensorId             the sensor of the measurement behind it, or null
     * @param measurementTimestamp that measurement's time, or null
     * @param filter               the filter that produced it
     * @param result               the tracking result (x, P, NIS, log-likelihood)
     * @param lineage              the input record, or null
     * @param site                 this deployment's name
     * @param message              a note (why an entity was reset), or null
     */
    public static Estimate of(String entityId, long time, EstimateStatus status, String sensorId, Long measurementTimestamp,
                              SelectedFilter filter, TrackingResult result, Lineage lineage, String site, String message) {
        // the all-fields constructor, in schema order: a builder costs more than encoding the record
        // (the last two, trackId and region, are a track's, null for an entity)
        return new Estimate(entityId, Instant.ofEpochMilli(time), status, sensorId,
                measurementTimestamp == null ? null : Instant.ofEpochMilli(measurementTimestamp), filter.filterType(),
                filter.motionModel(), filter.entityClass(), list(result.x()), matrix(result.P()),
                finiteOrNull(result.nis()), finiteOrNull(result.logLikelihood()), lineage, site, message, null, null);
    }

    /**
     * A fixed-lag smoothed estimate (status SMOOTHED): the entity's state at {@code smoothed.time()}
     * given the measurements up to the one at {@code measurementTimestamp}, {@code smoothed.lag()}
     * measurements later.
     */
    public static Estimate smoothed(String entityId, SmoothedEstimate smoothed, long measurementTimestamp,
                                    SelectedFilter filter, Lineage lineage, String site) {
        return Estimate.newBuilder()
                .setEntityId(entityId)
                .setTimestamp(Instant.ofEpochMilli(smoothed.time()))
                .setStatus(EstimateStatus.SMOOTHED)
                .setSensorId(null)
                .setMeasurementTimestamp(Instant.ofEpochMilli(measurementTimestamp))
                .setFilterType(filter.filterType())
                .setMotionModel(filter.motionModel())
                .setEntityClass(filter.entityClass())
                .setMean(list(smoothed.x()))
                .setCovariance(matrix(smoothed.P()))
                .setLineage(lineage)
                .setSite(site)
                .setMessage("fixed-lag smoothed, lag " + smoothed.lag() + " measurements")
                .build();
    }

    /** A RESET estimate of an entity restarted from its filter's prior at {@code time}. */
    public static Estimate prior(String entityId, long time, SelectedFilter filter, String site, String message) {
        return Estimate.newBuilder()
                .setEntityId(entityId)
                .setTimestamp(Instant.ofEpochMilli(time))
                .setStatus(EstimateStatus.RESET)
                .setFilterType(filter.filterType())
                .setMotionModel(filter.motionModel())
                .setEntityClass(filter.entityClass())
                .setMean(list(filter.priorMean()))
                .setCovariance(matrix(filter.priorCovariance()))
                .setSite(site)
                .setMessage(message)
                .build();
    }

    /** The estimate status of a kernel status (TOO_LATE never becomes an estimate). */
    public static EstimateStatus status(io.bayesfuse.kernels.entity.EntityStatus status) {
        return switch (status) {
            case UPDATED -> EstimateStatus.UPDATED;
            case REJECTED -> EstimateStatus.REJECTED;
            case REVISED -> EstimateStatus.REVISED;
            case RESET -> EstimateStatus.RESET;
            case PREDICTED -> EstimateStatus.PREDICTED;
            case TOO_LATE -> throw new IllegalArgumentException("a TOO_LATE measurement is dead-lettered, not estimated");
        };
    }

    static Matrix matrix(double[][] rows) {
        int n = rows.length;
        int m = n == 0 ? 0 : rows[0].length;
        List<Double> values = new ArrayList<>(n * m);
        for (double[] row : rows) {
            for (double v : row) {
                values.add(v);
            }
        }
        return new Matrix(n, m, values);
    }

    static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
