package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link WeightPosterior}: a small header (form, sizes, noise parameters,
 * time, counts) and its values — the precision then η — cut into chunks of at most
 * {@link #CHUNK_VALUES} doubles (960,000 bytes), so no stored value passes 1 MB whatever D is (a
 * dense D = 4,096 posterior is 8.4 million values: 88 chunks). Chunks are raw big-endian doubles.
 * Every form has the same layout (the header names the form and, for the low-rank form, the rank r;
 * its precision values are δ then V); the header's first byte is the codec's version.
 */
public final class WeightPosteriorCodec {

    /** Doubles per chunk: 960,000 bytes, under Kafka's default 1 MB record limit with room for the key. */
    public static final int CHUNK_VALUES = 120_000;
    private static final String FORMAT = "learner posterior";
    private static final int VERSION = 1;

    private WeightPosteriorCodec() {
    }

    /** The header: everything but the values. */
    public static byte[] header(WeightPosterior p) {
        return new BinaryWriter(64).writeByte(VERSION).writeByte(p.form().ordinal()).writeVarint(p.dimension())
                .writeVarint(p.rank()).writeDouble(p.noiseShape()).writeDouble(p.noiseTerm()).writeLong(p.time())
                .writeVarint(p.examples()).writeVarint(p.version()).writeVarint(chunkCount(p)).toByteArray();
    }

    /** How many chunks the values of {@code p} take. */
    public static int chunkCount(WeightPosterior p) {
        long values = (long) p.precision().length + p.information().length;
        return (int) ((values + CHUNK_VALUES - 1) / CHUNK_VALUES);
    }

    /** Chunk {@code index} of the values [precision, η]. */
    public static byte[] chunk(WeightPosterior p, int index) {
        long total = (long) p.precision().length + p.information().length;
        long from = (long) index * CHUNK_VALUES;
        int n = (int) Math.min(CHUNK_VALUES, total - from);
        if (index < 0 || n <= 0) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + chunkCount(p));
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 * n);
        double[] precision = p.precision();
        double[] eta = p.information();
        for (long k = from; k < from + n; k++) {
            buffer.putDouble(k < precision.length ? precision[(int) k] : eta[(int) (k - precision.length)]);
        }
        return buffer.array();
    }

    /** Every chunk, in order. */
    public static List<byte[]> chunks(WeightPosterior p) {
        int count = chunkCount(p);
        List<byte[]> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunks.add(chunk(p, i));
        }
        return chunks;
    }

    /** What a header says. */
    public record Header(CovarianceForm form, int dimension, int rank, double noiseShape, double noiseTerm, long time,
                         long examples, long version, int chunks) {
    }

    public static Header readHeader(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT);
        int version = in.readByte();
        if (version != VERSION) {
            throw in.malformed("version " + version + " is not " + VERSION);
        }
        int formIndex = in.readByte();
        if (formIndex < 0 || formIndex >= CovarianceForm.values().length) {
            throw in.malformed("covariance form " + formIndex + " is not one of " + java.util.Arrays.toString(CovarianceForm.values()));
        }
        CovarianceForm form = CovarianceForm.values()[formIndex];
        Header header = new Header(form, (int) in.readVarint(), (int) in.readVarint(), in.readDouble(), in.readDouble(),
                in.readLong(), in.readVarint(), in.readVarint(), (int) in.readVarint());
        in.requireEnd();
        return header;
    }

    /** The posterior from its header and chunks (in order). */
    public static WeightPosterior decode(Header header, List<byte[]> chunks) {
        double[] precision = new double[WeightPosterior.precisionLength(header.form(), header.dimension(), header.rank())];
        double[] eta = new double[header.dimension()];
        if (chunks.size() != header.chunks()) {
            throw new IllegalArgumentException(FORMAT + ": " + chunks.size() + " chunks, the header says " + header.chunks());
        }
        long k = 0;
        for (byte[] chunk : chunks) {
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            while (buffer.hasRemaining()) {
                double v = buffer.getDouble();
                if (k < precision.length) {
                    precision[(int) k] = v;
                } else {
                    eta[(int) (k - precision.length)] = v;
                }
                k++;
            }
        }
        if (k != (long) precision.length + eta.length) {
            throw new IllegalArgumentException(FORMAT + ": " + k + " values, expected " + (precision.length + eta.length));
        }
        return new WeightPosterior(header.form(), header.dimension(), header.rank(), precision, eta, header.noiseShape(),
                header.noiseTerm(), header.time(), header.examples(), header.version());
    }
}
