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

import java.util.ArrayList;
import java.util.List;

/**
 * A task's learner state, in two changelogged stores so that exactly once covers it:
 * <ul>
 *   <li>posteriors: key {@code modelId} holds the posterior's header, {@code modelId#i} its value
 *   chunk i ({@link WeightPosteriorCodec}: no stored value passes 1 MB, so the changelog takes a
 *   dense D = 4,096 posterior as 88 records);</li>
 *   <li>the mini-batch being gathered: {@code modelId} holds the number of examples buffered,
 *   {@code modelId#00000i} example i (one record per example: a batch of wide examples would pass
 *   1 MB as one value).</li>
 * </ul>
 */
final class LearnerStores {

    private static final String FORMAT = "buffered example";
    private final KeyValueStore<String, byte[]> posteriors;
    private final KeyValueStore<String, byte[]> batches;

    LearnerStores(KeyValueStore<String, byte[]> posteriors, KeyValueStore<String, byte[]> batches) {
        this.posteriors = posteriors;
        this.batches = batches;
    }

    /** The stored posterior of a model, or null. */
    WeightPosterior loadPosterior(String modelId) {
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

    /** Adds an example to the model's batch; returns how many it now holds. */
    int append(String modelId, LabelledExample example) {
        int count = count(modelId);
        batches.put(exampleKey(modelId, count), encode(example));
        batches.put(modelId, new BinaryWriter(5).writeVarint(count + 1).toByteArray());
        return count + 1;
    }

    /** The model's batch in arrival order, removed from the store. */
    List<LabelledExample> drain(String modelId) {
        int count = count(modelId);
        List<LabelledExample> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = exampleKey(modelId, i);
            batch.add(decode(batches.get(key)));
            batches.delete(key);
        }
        batches.delete(modelId);
        return batch;
    }

    private int count(String modelId) {
        byte[] bytes = batches.get(modelId);
        return bytes == null ? 0 : (int) new BinaryReader(bytes, "batch size").readVarint();
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
