package io.bayesfuse.schemas.serde;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.Matrix;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrimitiveArraysWriterTest {

    private static final double[] MEAN = {0.5, -1.25, Double.MIN_VALUE, -0.0};
    private static final double[][] COVARIANCE = {{2, 0.1, 0, 0}, {0.1, 3, 0, 0}, {0, 0, 1e-300, 0}, {0, 0, 0, Double.MAX_VALUE}};

    private static FusedPosterior fused(List<Double> mean, List<Double> covariance) {
        return FusedPosterior.newBuilder().setQuantityId("q").setMethod("product")
                .setPosterior(new GaussianPosterior(mean, new FullCovariance(new Matrix(4, 4, covariance))))
                .setSources(new TreeMap<>(Map.of("a", 1L, "b", 7L))).setSourceCount(2).setSourcesDigest("00")
                .setUpdatedSource("a").setUpdatedVersion(1L).build();
    }

    static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static byte[] avroBytes(FusedPosterior record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<FusedPosterior>(FusedPosterior.getClassSchema(), SpecificData.getForClass(FusedPosterior.class))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] ourBytes(FusedPosterior record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DatumWriters().write(record, FusedPosterior.getClassSchema(), out);
        return out.toByteArray();
    }

    @Test
    void doublesHeldInADoubleListAreWrittenAsAvroWritesTheBoxedList() throws IOException {
        double[] flat = DoubleList.rowMajor(COVARIANCE).toDoubleArray();
        byte[] expected = avroBytes(fused(boxed(MEAN), boxed(flat)));
        assertThat(ourBytes(fused(DoubleList.copyOf(MEAN), DoubleList.rowMajor(COVARIANCE)))).isEqualTo(expected);
        assertThat(ourBytes(fused(boxed(MEAN), boxed(flat)))).as("boxed lists: Avro's own path").isEqualTo(expected);
    }

    @Test
    void doublesInAvrosOwnPrimitiveArrayAreWrittenAsAvroWritesThem() throws IOException {
        var schema = org.apache.avro.Schema.createArray(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE));
        PrimitivesArrays.DoubleArray mean = new PrimitivesArrays.DoubleArray(schema, boxed(MEAN));
        byte[] expected = avroBytes(fused(boxed(MEAN), boxed(DoubleList.rowMajor(COVARIANCE).toDoubleArray())));
        assertThat(ourBytes(fused(mean, DoubleList.rowMajor(COVARIANCE)))).isEqualTo(expected);
    }

    @Test
    void emptyArraysAreWrittenAsAvroWritesThem() throws IOException {
        FusedPosterior empty = fused(DoubleList.copyOf(new double[0]), DoubleList.copyOf(new double[0]));
        assertThat(ourBytes(empty)).isEqualTo(avroBytes(fused(List.of(), List.of())));
    }

    private static Estimate estimate(boolean optionalsSet) {
        return new Estimate("e-1", Instant.ofEpochMilli(1_700_000_000_000L), EstimateStatus.UPDATED,
                optionalsSet ? "radar" : null, optionalsSet ? Instant.ofEpochMilli(1_699_999_999_000L) : null,
                "kf", "cv2d", optionalsSet ? "car" : null, boxed(MEAN),
                new Matrix(4, 4, boxed(DoubleList.rowMajor(COVARIANCE).toDoubleArray())),
                optionalsSet ? 1.5 : null, optionalsSet ? -3.25 : null,
                optionalsSet ? new Lineage("measurements", 2, 41L) : null, optionalsSet ? "site-a" : null,
                optionalsSet ? "note" : null, optionalsSet ? "r/1" : null, optionalsSet ? "r" : null);
    }

    private static byte[] avroBytes(Estimate record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<Estimate>(Estimate.getClassSchema(), SpecificData.getForClass(Estimate.class))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] ourBytes(Estimate record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DatumWriters().write(record, Estimate.getClassSchema(), out);
        return out.toByteArray();
    }

    @Test
    void optionalFieldsNullOrSetAreWrittenAsAvroWritesThem() throws IOException {
        for (boolean set : new boolean[]{false, true}) {
            assertThat(ourBytes(estimate(set))).as("optional fields set: %s", set).isEqualTo(avroBytes(estimate(set)));
        }
        assertThat(ourBytes(estimate(true))).isNotEqualTo(ourBytes(estimate(false)));
    }

    @Test
    void aWriterIsKeptPerClassAndSchema() throws IOException {
        DatumWriters writers = new DatumWriters();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writers.write(estimate(true), Estimate.getClassSchema(), out);
        writers.write(estimate(false), Estimate.getClassSchema(), out);
        assertThat(out.toByteArray()).isEqualTo(concat(avroBytes(estimate(true)), avroBytes(estimate(false))));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A minimal map that keeps its keys' UTF-8 bytes, in insertion order. */
    private static final class KeptKeys extends java.util.AbstractMap<String, Long> implements Utf8KeyedLongs {
        private final java.util.LinkedHashMap<String, Long> entries = new java.util.LinkedHashMap<>();
        private final List<byte[]> keys = new ArrayList<>();
        private final List<Long> values = new ArrayList<>();

        private boolean keepsEntries;
        private int entriesAskedFor;

        /** This map keeping its entries' bytes too, made here by Avro's own encoder. */
        KeptKeys keepingEntries() {
            keepsEntries = true;
            return this;
        }

        @Override
        public byte[] avroEntries() {
            if (!keepsEntries) {
                return null;
            }
            entriesAskedFor++;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                for (Entry<String, Long> e : entries.entrySet()) {
                    encoder.writeString(e.getKey());
                    encoder.writeLong(e.getValue());
                }
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        KeptKeys put(String key, long value) {
            entries.put(key, value);
            keys.add(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            values.add(value);
            return this;
        }

        @Override
        public byte[] utf8Key(int i) {
            return keys.get(i);
        }

        @Override
        public long valueAt(int i) {
            return values.get(i);
        }

        @Override
        public java.util.Set<Entry<String, Long>> entrySet() {
            return entries.entrySet();
        }
    }

    @Test
    void aMapKeepingItsKeysUtf8IsWrittenAsAvroWritesTheMap() throws IOException {
        assertWrittenAsAvroWritesThePlainMap(new KeptKeys().put("a", 1L).put("sensor-ü", -7L).put("", Long.MAX_VALUE).put("z😀", 0L));
    }

    /** A fused posterior whose sources are {@code kept} serializes to the bytes Avro's writer makes of the same map as a plain map. */
    private static void assertWrittenAsAvroWritesThePlainMap(KeptKeys kept) throws IOException {
        Map<String, Long> plain = new java.util.LinkedHashMap<>(kept);
        FusedPosterior withKept = fused(DoubleList.copyOf(MEAN), DoubleList.rowMajor(COVARIANCE));
        withKept.setSources(kept);
        withKept.setQuarantined(new KeptKeys());
        FusedPosterior withPlain = fused(boxed(MEAN), boxed(DoubleList.rowMajor(COVARIANCE).toDoubleArray()));
        withPlain.setSources(plain);
        withPlain.setQuarantined(Map.of());
        assertThat(ourBytes(withKept)).as("%d entries", kept.size()).isEqualTo(avroBytes(withPlain));
    }

    @Test
    void aMapKeepingItsEntriesBytesIsWrittenFromThemAsAvroWritesTheMap() throws IOException {
        for (KeptKeys kept : List.of(new KeptKeys().keepingEntries().put("a", 1L).put("sensor-ü", -7L).put("", Long.MAX_VALUE)
                .put("z😀", 0L).put("x".repeat(200), Long.MIN_VALUE), new KeptKeys().keepingEntries())) {
            assertWrittenAsAvroWritesThePlainMap(kept);
            assertThat(kept.entriesAskedFor).as("written from the kept entries").isEqualTo(1);
        }
    }

    @Test
    void aDoubleListIsReadOnlyAndEqualToTheBoxedList() {
        DoubleList list = DoubleList.copyOf(MEAN);
        assertThat(list).isEqualTo(boxed(MEAN));
        assertThatThrownBy(() -> list.add(1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> DoubleList.rowMajor(new double[][]{{1, 2}, {3}})).hasMessageContaining("row 1 has 1 values");
    }
}
