package io.bayesfuse.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.BufferedBinaryEncoder;
import org.apache.avro.io.DirectBinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Avro's specific writer with one shortcut: an array of plain doubles held in a {@link DoubleList}
 * or in Avro's own {@link PrimitivesArrays.DoubleArray} (what the reader builds) is written value by
 * value from its array, without boxing and without resolving the element's schema per value. The
 * encoder calls are the ones {@link org.apache.avro.generic.GenericDatumWriter#writeArray} makes, so
 * the bytes are the same; every other array and type goes through Avro's writer. And one more: the
 * branch of a two-branch union with {@code null} (an optional field) is chosen by whether the value
 * is null, without looking the value's schema name up; Avro's writer chooses the same branch for
 * every value it accepts. Maps of longs that keep their keys' UTF-8 bytes ({@link Utf8KeyedLongs}) are
 * written from those bytes, or from their entries' bytes when they keep those too.
 *
 * @param <T> the record type
 */
final class PrimitiveArraysWriter<T> extends SpecificDatumWriter<T> {

    PrimitiveArraysWriter(Schema schema, SpecificData data) {
        super(schema, data);
    }

    @Override
    protected int resolveUnion(Schema union, Object datum) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            boolean nullFirst = branches.get(0).getType() == Schema.Type.NULL;
            if (nullFirst || branches.get(1).getType() == Schema.Type.NULL) {
                int nullBranch = nullFirst ? 0 : 1;
                return datum == null ? nullBranch : 1 - nullBranch;
            }
        }
        return super.resolveUnion(union, datum);
    }

    /** A {@link Utf8KeyedLongs} map with its keys' bytes as kept: the encoder calls of Avro's map writer. */
    @Override
    protected void writeMap(Schema schema, Object datum, Encoder out) throws IOException {
        Schema value = schema.getValueType();
        if (!(datum instanceof Utf8KeyedLongs map) || value.getType() != Schema.Type.LONG || value.getLogicalType() != null) {
            super.writeMap(schema, datum, out);
            return;
        }
        int n = map.size();
        out.writeMapStart();
        out.setItemCount(n);
        byte[] entries = map.avroEntries();
        if (entries != null && writesItemsAsTheyCome(out)) {
            out.writeFixed(entries);   // the bytes of n startItem/writeString/writeLong calls
            out.writeMapEnd();
            return;
        }
        for (int i = 0; i < n; i++) {
            out.startItem();
            out.writeString(new Utf8(map.utf8Key(i)));
            out.writeLong(map.valueAt(i));
        }
        out.writeMapEnd();
    }

    /**
     * True for the encoders whose item and block calls write nothing but the item count and the end
     * (Avro's direct and buffered binary encoders: what this project's serializers use); the blocking
     * encoders count the items they are told of, so they get the calls one by one.
     */
    private static boolean writesItemsAsTheyCome(Encoder out) {
        return out.getClass() == DirectBinaryEncoder.class || out.getClass() == BufferedBinaryEncoder.class;
    }

    @Override
    protected void writeArray(Schema schema, Object datum, Encoder out) throws IOException {
        Schema element = schema.getElementType();
        if (element.getType() != Schema.Type.DOUBLE || element.getLogicalType() != null) {
            super.writeArray(schema, datum, out);
            return;
        }
        if (datum instanceof DoubleList list) {
            writeDoubles(list.size(), list::getDouble, out);
        } else if (datum instanceof PrimitivesArrays.DoubleArray array) {
            writeDoubles(array.size(), array::getDouble, out);
        } else {
            super.writeArray(schema, datum, out);
        }
    }

    /** The encoder calls of Avro's array writer, values taken from {@code value} unboxed. */
    private static void writeDoubles(int n, IntToDoubleFunction value, Encoder out) throws IOException {
        out.writeArrayStart();
        out.setItemCount(n);
        for (int i = 0; i < n; i++) {
            out.startItem();
            out.writeDouble(value.applyAsDouble(i));
        }
        out.writeArrayEnd();
    }
}
