package io.bayesfuse.schemas.serde;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.Matrix;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The filter stage's output record, written field by field in schema order: the encoder calls
 * Avro's specific writer makes for an {@link Estimate}, without its per-field dispatch (a record is
 * written per measurement, and that dispatch was most of its encoding cost). Used only for the
 * schema it was written for ({@link #fits}): when Estimate.avsc changes, the serde falls back to
 * Avro's writer (a test fails until this class follows the schema), so the bytes never depend on
 * which writer ran.
 */
final class EstimateWriter implements DatumWriter<Object> {

    /** Each field of Estimate, Matrix and Lineage as "name:type", union branches joined by '|', in schema order. */
    private static final List<String> ESTIMATE = List.of("entityId:string", "timestamp:long", "status:enum",
            "sensorId:null|string", "measurementTimestamp:null|long", "filterType:string", "motionModel:string",
            "entityClass:null|string", "mean:array<double>", "covariance:record", "nis:null|double",
            "logLikelihood:null|double", "lineage:null|record", "site:null|string", "message:null|string",
            "trackId:null|string", "region:null|string");
    private static final List<String> MATRIX = List.of("rows:int", "cols:int", "values:array<double>");
    private static final List<String> LINEAGE = List.of("topic:string", "partition:int", "offset:long");

    /** True when {@code schema} is Estimate's as this writer writes it (field names, order and types). */
    static boolean fits(Schema schema) {
        return schema.getType() == Schema.Type.RECORD && shape(schema).equals(ESTIMATE)
                && shape(schema.getField("covariance").schema()).equals(MATRIX)
                && shape(schema.getField("lineage").schema().getTypes().get(1)).equals(LINEAGE);
    }

    private static List<String> shape(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            return List.of();
        }
        return record.getFields().stream().map(f -> f.name() + ":" + type(f.schema())).toList();
    }

    private static String type(Schema s) {
        return switch (s.getType()) {
            case UNION -> String.join("|", s.getTypes().stream().map(EstimateWriter::type).toList());
            case ARRAY -> "array<" + type(s.getElementType()) + ">";
            default -> s.getType().getName();
        };
    }

    @Override
    public void setSchema(Schema schema) {
        if (!fits(schema)) {
            throw new IllegalArgumentException("EstimateWriter writes Estimate's schema only, not " + schema.getFullName());
        }
    }

    @Override
    public void write(Object datum, Encoder out) throws IOException {
        Estimate e = (Estimate) datum;
        out.writeString(e.getEntityId());
        out.writeLong(e.getTimestamp().toEpochMilli());
        out.writeEnum(e.getStatus().ordinal());
        optionalString(e.getSensorId(), out);
        Instant measured = e.getMeasurementTimestamp();
        out.writeIndex(measured == null ? 0 : 1);
        if (measured != null) {
            out.writeLong(measured.toEpochMilli());
        }
        out.writeString(e.getFilterType());
        out.writeString(e.getMotionModel());
        optionalString(e.getEntityClass(), out);
        doubles(e.getMean(), out);
        Matrix covariance = e.getCovariance();
        out.writeInt(covariance.getRows());
        out.writeInt(covariance.getCols());
        doubles(covariance.getValues(), out);
        optionalDouble(e.getNis(), out);
        optionalDouble(e.getLogLikelihood(), out);
        Lineage lineage = e.getLineage();
        out.writeIndex(lineage == null ? 0 : 1);
        if (lineage != null) {
            out.writeString(lineage.getTopic());
            out.writeInt(lineage.getPartition());
            out.writeLong(lineage.getOffset());
        }
        optionalString(e.getSite(), out);
        optionalString(e.getMessage(), out);
        optionalString(e.getTrackId(), out);
        optionalString(e.getRegion(), out);
    }

    private static void optionalString(String value, Encoder out) throws IOException {
        out.writeIndex(value == null ? 0 : 1);
        if (value != null) {
            out.writeString(value);
        }
    }

    private static void optionalDouble(Double value, Encoder out) throws IOException {
        out.writeIndex(value == null ? 0 : 1);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    /** The encoder calls of Avro's array writer; a {@link DoubleList} read unboxed. */
    private static void doubles(List<Double> values, Encoder out) throws IOException {
        int n = values.size();
        out.writeArrayStart();
        out.setItemCount(n);
        if (values instanceof DoubleList list) {
            for (int i = 0; i < n; i++) {
                out.startItem();
                out.writeDouble(list.getDouble(i));
            }
        } else {
            for (Double v : values) {
                out.startItem();
                out.writeDouble(v);
            }
        }
        out.writeArrayEnd();
    }
}
