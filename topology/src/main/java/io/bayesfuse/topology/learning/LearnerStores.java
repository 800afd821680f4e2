package io.bayesfuse.topology.learning;

import io.bayesfuse.kernels.codec.BinaryReader;
import io.bayesfuse.kernels.codec.BinaryWriter;
import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.WeightPosteriorCodec;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's learner state, in three changelogged stores so that exactly once covers it:
 * <ul>
 *   <li>posteriors: key {@code modelId} holds the posterior's header, {@code modelId#i} its value
 *   chunk i ({@link WeightPosteriorCodec}: no stored value passes 1 MB, so the changelog takes a
 *   dense D = 4,096 posterior as 88 records);</li>
 *   <li>the mini-batch being gathered: {@code modelId} holds the number of examples buffered,
 *   {@code modelId#00000i} example i (one record per example: a batch of wide examples would pass
 *   1 MB as one value); the count's record also holds when the batch is due;</li>
 *   <li>the schedule: key {@code <due time, 16 hex digits><modelId>}, one entry per batch being gathered,
 *   so that the batches due by a stream time are a range scan (the entities' schedule does the same).</li>
 * </ul>
 */
final class LearnerStores {

    private static final String FORMAT = "buffered example";
    private final KeyValueStore<String, byte[]> posteriors;
    private final KeyValueStore<String, byte[]> batches;
    private final KeyValueStore<String, byte[]> schedule;
    private static final byte[] NOTHING = new byte[0];

    LearnerStores(KeyValueStore<String, byte[]> posteriors, KeyValueStore<String, byte[]> batches,
                  KeyValueStore<String, byte[]> schedule) {
        this.posteriors = posteriors;
        this.batches = batches;
        this.schedule = schedule;
    }

    /** The stored posterior of a model, or null. */
    WeightPosterior loadPosterior(String modelId) {
        return readPosterior(posteriors, modelId);
    }

    /** The posterior of a model in (a copy of) the posterior store, or null. */
    static WeightPosterior readPosterior(ReadOnlyKeyValueStore<String, byte[]> posteriors, String modelId) {
        byte[] header = posteriors.get(modelId);
        if (header == null) {
            return null;
        }
        WeightPosteriorCodec.Header h = WeightPosteriorCodec.readHeader(header);
        List<byte[]> chunks = new ArrayList<>(h.chunks());
        for (int i = 0; i < h.chunks(); i++) {
            byte[] chunk = posteriors.get(chunkKey(modelId, i));
            if (chunk == null) {
                throw new IllegalStateException("model '" + modelId + "': chunk " + i + " of its stored posterior is missing");
            }
            chunks.add(chunk);
        }
        return WeightPosteriorCodec.decode(h, chunks);
    }

    void savePosterior(String modelId, WeightPosterior posterior) {
        byte[] old = posteriors.get(modelId);
        int oldChunks = old == null ? 0 : WeightPosteriorCodec.readHeader(old).chunks();
        int chunks = WeightPosteriorCodec.chunkCount(posterior);
        for (int i = 0; i < chunks; i++) {
            posteriors.put(chunkKey(modelId, i), WeightPosteriorCodec.chunk(posterior, i));
        }
        for (int i = chunks; i < oldChunks; i++) {
            posteriors.delete(chunkKey(modelId, i));
        }
        posteriors.put(modelId, WeightPosteriorCodec.header(posterior));
    }

    /**
     * Adds an example to the model's batch; returns how many it now holds.
     *
     * @param dueIfFirst when the batch is due (stream time), should this example start it
     */
    int append(String modelId, LabelledExample example, long dueIfFirst) {
        BatchHead head = head(modelId);
        long due = head == null ? dueIfFirst : head.due();
        int count = head == null ? 0 : head.count();
        if (head == null) {
            schedule.put(scheduleKey(due, modelId), NOTHING);
        }
        batches.put(exampleKey(modelId, count), encode(example));
        batches.put(modelId, new BinaryWriter(16).writeVarint(count + 1).writeLong(due).toByteArray());
        return count + 1;
    }

    /** The model's batch in arrival order, removed from the store (and from the schedule). */
    List<LabelledExample> drain(String modelId) {
        BatchHead head = head(modelId);
        if (head == null) {
            return List.of();
        }
        List<LabelledExample> batch = new ArrayList<>(head.count());
        for (int i = 0; i < head.count(); i++) {
            String key = exampleKey(modelId, i);
            batch.add(decode(batches.get(key)));
            batches.delete(key);
        }
        batches.delete(modelId);
        schedule.delete(scheduleKey(head.due(), modelId));
        return batch;
    }

    /** The models whose batches are due by {@code streamTime}, soonest first. */
    List<String> due(long streamTime) {
        List<String> models = new ArrayList<>();
        if (streamTime == Long.MAX_VALUE) {
            throw new IllegalArgumentException("stream time " + streamTime + " is not a time");
        }
        // keys sort by their fixed-width due time; the bare key of streamTime + 1 sorts before every entry due then
        try (KeyValueIterator<String, byte[]> due = schedule.range(scheduleKey(0, ""),
                scheduleKey(Math.max(0, streamTime + 1), ""))) {
            while (due.hasNext()) {
                String key = due.next().key;
                if (key.length() > DUE_DIGITS) {
                    models.add(key.substring(DUE_DIGITS));
                }
            }
        }
        return models;
    }

    /** When the soonest gathered batch is due (stream time), or {@link Long#MAX_VALUE} when none is gathered. */
    long soonestDue() {
        try (KeyValueIterator<String, byte[]> all = schedule.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                if (key.length() > DUE_DIGITS) {
                    return Long.parseUnsignedLong(key.substring(0, DUE_DIGITS), 16);
                }
            }
        }
        return Long.MAX_VALUE;
    }

    /** How many examples the model's batch holds and when it is due; null when it holds none. */
    private BatchHead head(String modelId) {
        byte[] bytes = batches.get(modelId);
        if (bytes == null) {
            return null;
        }
        BinaryReader in = new BinaryReader(bytes, "batch head");
        int count = (int) in.readVarint();
        long due = in.readLong();
        return new BatchHead(count, due);
    }

    private record BatchHead(int count, long due) {
    }

    private static final int DUE_DIGITS = 16;

    private static String scheduleKey(long due, String modelId) {
        String hex = Long.toHexString(due);
        return "0".repeat(DUE_DIGITS - hex.length()) + hex + modelId;
    }

    /** Every model id with a stored posterior (the header keys, which hold no '#'). */
    List<String> models() {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = posteriors.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                if (next.key.indexOf('#') < 0) {
                    ids.add(next.key);
                }
            }
        }
        return ids;
    }

    private static String chunkKey(String modelId, int index) {
        return modelId + "#" + index;
    }

    private static String exampleKey(String modelId, int index) {
        return String.format("%s#%06d", modelId, index);
    }

    static byte[] encode(LabelledExample e) {
        BinaryWriter out = new BinaryWriter(64).writeDouble(e.target()).writeDouble(e.weight()).writeLong(e.time());
        if (e.x() instanceof FeatureVector.Sparse s) {
            out.writeByte(1).writeVarint(s.dimension()).writeVarint(s.indices().length);
            for (int k = 0; k < s.indices().length; k++) {
                out.writeVarint(s.indices()[k]).writeDouble(s.values()[k]);
            }
        } else {
            out.writeByte(0).writeDoubles(e.x().toArray());
        }
        return out.toByteArray();
    }

    static LabelledExample decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT);
        double target = in.readDouble();
        double weight = in.readDouble();
        long time = in.readLong();
        FeatureVector x;
        if (in.readByte() == 1) {
            int d = (int) in.readVarint();
            int n = in.readCount("sparse features");
            int[] indices = new int[n];
            double[] values = new double[n];
            for (int k = 0; k < n; k++) {
                indices[k] = (int) in.readVarint();
                values[k] = in.readDouble();
            }
            x = new FeatureVector.Sparse(d, indices, values);
        } else {
            x = new FeatureVector.Dense(in.readDoubles());
        }
        in.requireEnd();
        return new LabelledExample(x, target, weight, time);
    }
}
