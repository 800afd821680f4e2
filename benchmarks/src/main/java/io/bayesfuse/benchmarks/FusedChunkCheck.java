package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.state.SourceSetDigest;
import io.bayesfuse.schemas.chunks.ChunkAssembler;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks, after a model-size case, what a consumer of the fused-chunks topic gets: it reads the
 * topic read_committed from the beginning to its end, one record at a time, and
 * <ul>
 *   <li>gives every fused chunk to a {@link ChunkAssembler} (its values dropped first, so that the
 *       newest chunk of each index is kept without its 2 x 16,384 values: 611 of them at 10⁷
 *       parameters would not fit a 1 GB heap beside everything else), whose status must be
 *       consistent: every chunk present, one source-set digest, and that digest the one of every
 *       source at its last version;</li>
 *   <li>checks each chunk's last fused record (the one that applied the last source's last
 *       version) value by value against the kernels' Fisher rule fed the same slices in the same
 *       order: bit-identical, as the stream must be.</li>
 * </ul>
 * Any difference fails the run, naming it.
 */
final class FusedChunkCheck {

    /** What was checked: the chunks, the fused records read, the common digest. */
    record Result(int chunks, long records, String digest) {
    }

    private static final Duration STALL = Duration.ofSeconds(60);

    private FusedChunkCheck() {
    }

    /**
     * @param versions the versions every source sent, in the order 1..versions, each version from every
     *                 source in source order, each source's chunks in index order
     * @throws IllegalStateException when the fused chunks are not consistent or differ from the kernels' result
     */
    static Result verify(String bootstrapServers, String registryUrl, String topic, SyntheticFisherModel model, int sources,
                         int versions) throws InterruptedException {
        String what = String.format(Locale.ROOT, "fusion of %,d parameters", model.parameters());
        SpecificAvroDeserializer<FusedChunk> values = new SpecificAvroDeserializer<>(FusedChunk.class);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        ChunkAssembler assembler = new ChunkAssembler(model.quantityId());
        String lastSource = SyntheticFisherModel.sourceId(sources - 1);
        String expectedDigest = expectedDigest(sources, versions);
        long records = 0;
        int finals = 0;
        try (KafkaConsumer<String, FusedChunk> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-models-check"), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long lastProgress = System.nanoTime();
            while (!atEnd(consumer, ends)) {
                boolean progressed = false;
                for (ConsumerRecord<String, FusedChunk> record : consumer.poll(Duration.ofMillis(200))) {
                    progressed = true;
                    records++;
                    FusedChunk chunk = record.value();
                    if (chunk == null) {
                        throw new IllegalStateException(what + ": a tombstone on " + topic + " under key '" + record.key()
                                + "': a chunk lost all its sources");
                    }
                    if (lastSource.equals(chunk.getUpdatedSource()) && Long.valueOf(versions).equals(chunk.getUpdatedVersion())) {
                        checkAgainstKernels(what, chunk, model, sources, versions);
                        finals++;
                    }
                    chunk.setPosterior(new FisherPosterior(List.of(), List.of()));
                    assembler.accept(chunk);
                }
                if (progressed) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException(what + ": reading " + topic + " back stalled after " + records + " records");
                }
            }
        }
        ChunkAssembler.Status status = assembler.status();
        if (!status.consistent() || status.chunkCount() != model.chunkCount() || !status.digests().keySet().equals(
                Set.of(expectedDigest)) || finals != model.chunkCount()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: the fused chunks are NOT consistent: %s; expected %,d "
                    + "chunks all with digest %s (every source at version %d), found the last version fused into %,d of them",
                    what, status, model.chunkCount(), expectedDigest, versions, finals));
        }
        return new Result(status.chunkCount(), records, expectedDigest);
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The digest of every source at {@code version}, as fused chunks publish it. */
    static String expectedDigest(int sources, long version) {
        long digest = 0;
        for (int s = 0; s < sources; s++) {
            digest = SourceSetDigest.add(digest, SyntheticFisherModel.sourceId(s), version);
        }
        return SourceSetDigest.hex(digest);
    }

    /** The chunk equals, bit for bit, the kernels' Fisher merge of the same slices applied in the order they were sent. */
    static void checkAgainstKernels(String what, FusedChunk chunk, SyntheticFisherModel model, int sources, int versions) {
        int index = chunk.getChunkIndex();
        VersionedFusion direct = new VersionedFusion(new FisherRule());
        for (int v = 1; v <= versions; v++) {
            for (int s = 0; s < sources; s++) {
                direct.update(SyntheticFisherModel.sourceId(s), v, new SourcePosterior.Fisher(model.thetaSlice(s, v, index),
                        model.fisherSlice(s, v, index)));
            }
        }
        FusionResult.FisherPosterior expected = (FusionResult.FisherPosterior) direct.result();
        if (!(chunk.getPosterior() instanceof FisherPosterior fused)) {
            throw new IllegalStateException(what + ": chunk " + index + " holds a "
                    + chunk.getPosterior().getClass().getSimpleName() + ", not a Fisher posterior");
        }
        compare(what, index, "θ", fused.getMean(), expected.mean());
        compare(what, index, "Fisher diagonal", fused.getFisherDiagonal(), expected.fisherDiagonal());
    }

    private static void compare(String what, int index, String array, List<Double> actual, double[] expected) {
        if (actual.size() != expected.length) {
            throw new IllegalStateException(what + ": chunk " + index + " has " + actual.size() + " values of " + array + ", expected "
                    + expected.length);
        }
        for (int j = 0; j < expected.length; j++) {
            if (Double.compare(actual.get(j), expected[j]) != 0) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: chunk %d, %s[%d] is %s, the kernels give %s",
                        what, index, array, j, actual.get(j), expected[j]));
            }
        }
    }
}
