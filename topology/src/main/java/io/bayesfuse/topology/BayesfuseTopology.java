package io.bayesfuse.topology;

import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.avro.Truth;
import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.TopicNames;
import io.bayesfuse.topology.filtering.EntityFilterProcessor;
import io.bayesfuse.topology.filtering.FilterSelection;
import io.bayesfuse.topology.filtering.FilterStage;
import io.bayesfuse.topology.filtering.MeasurementTimeExtractor;
import io.bayesfuse.topology.filtering.TrackedEntitySerde;
import io.bayesfuse.topology.fusion.StoredQuantity;
import io.bayesfuse.topology.fusion.StoredQuantitySerde;
import io.bayesfuse.topology.fusion.ChunkFusionProcessor;
import io.bayesfuse.topology.fusion.FusionSelection;
import io.bayesfuse.topology.fusion.FusionStage;
import io.bayesfuse.topology.fusion.PosteriorFusionProcessor;
import io.bayesfuse.topology.fusion.PosteriorInput;
import io.bayesfuse.topology.fusion.TombstoneRouter;
import io.bayesfuse.topology.fusion.TombstoneSerde;
import io.bayesfuse.topology.learning.ExampleLearnerProcessor;
import io.bayesfuse.topology.learning.LearnerStage;
import io.bayesfuse.topology.live.ConfigGeneration;
import io.bayesfuse.topology.sensors.SensorState;
import io.bayesfuse.topology.sensors.SensorStateSerde;
import io.bayesfuse.topology.store.WriteBehindStore;
import io.bayesfuse.topology.live.ConfigStoreUpdater;
import io.bayesfuse.topology.live.ConfigValidator;
import io.bayesfuse.topology.production.RecordSizeLimits;
import io.bayesfuse.topology.production.SizeLimitedSerializer;
import io.bayesfuse.topology.tracks.TrackPublisher;
import io.bayesfuse.topology.tracking.RegionStateSerde;
import io.bayesfuse.topology.tracking.RegionTrackingProcessor;
import io.bayesfuse.topology.tracking.RegionTruthProcessor;
import io.bayesfuse.topology.tracking.TrackingStage;
import io.bayesfuse.topology.tracking.TruthBufferSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds bayesfuse's Kafka Streams topology from a validated configuration: the filter stage when
 * the configuration has a filter, the fusion stage when it has fusion settings (one application
 * may run both), and the live configuration they share:
 * <pre>
 * config ──► [validate] ──► config-validated ──► (global store on every instance)
 *                └──► dead-letters (INVALID_CONFIG)
 * measurements ──► [entity filter] ──► estimates
 *                        ├──► smoothed (fixed-lag SMOOTHED estimates)
 *                        └──► changepoints (key: sensor id)
 * posterior-updates ─┬─(records)──────────────────────────────┬─► [posterior fusion] ──► fused
 *                    └─(tombstones q/s)─► [re-key by q] ─► posterior-tombstones (internal) ─┘
 * posterior-chunks (key q#c) ──► [chunk fusion] ──► fused-chunks
 * estimate topics (tracks) ──► [estimate as posterior update] ──► posterior-updates
 * detections (key: region) ──► [region tracking] ──► tracks (key: track id)
 * truth (key: region) ──► [region truth] ──(scores the tracks: meters)
 * examples (key: model id) ──► [online learner, per model] ──► posterior-updates (or posterior-chunks when large)
 * </pre>
 * Refused records reach dead-letters through the processing exception handler.
 *
 * <p>Why tombstones take a detour: a tombstone retracting source s of quantity q is keyed
 * {@code q/s} (its value is gone, so its key must say what it retracts) and hashes to another
 * partition than the records keyed {@code q}, whose task holds q's state. It is re-keyed by q and
 * sent through an internal repartition topic, which Kafka Streams creates with the partition count
 * of posterior-updates and fills with the default partitioner, so it reaches q's task. It may
 * arrive after updates of s that were produced after it; the fusion processor compares event times
 * and refuses such a stale tombstone (STALE_VERSION) instead of retracting the newer update.
 */
public final class BayesfuseTopology {

    public static final String ENTITY_STORE = "bayesfuse-entities";
    /**
     * The entities' schedule: each entity ordered by when it is next due for eviction or a prediction
     * tick, in stream time ({@link io.bayesfuse.topology.filtering.ScheduleKeys}).
     */
    public static final String ENTITY_SCHEDULE_STORE = "bayesfuse-entity-schedule";
    /**
     * The per-sensor state of each measurements partition ({@link SensorState}: changepoint detector,
     * R inflation, newest learned R), keyed by sensor id; see {@link EntityFilterProcessor} for why per partition.
     */
    public static final String SENSOR_STORE = "bayesfuse-sensors";
    /**
     * The per-quantity fusion header ({@link StoredQuantity}: the rule's aggregates, source count and
     * digest), for interactive queries too. Its name is the previous release's, whose values (every
     * source inside one value) are read and converted.
     */
    public static final String QUANTITY_STORE = "bayesfuse-quantities";
    /** One record per (quantity, source): version, clock and the rule's arrays ({@link io.bayesfuse.topology.fusion.FusionKeys}). */
    public static final String QUANTITY_SOURCE_STORE = "bayesfuse-quantity-sources";
    /** The sources of the task's quantities ordered by when their time to live runs out. */
    public static final String QUANTITY_EXPIRY_STORE = "bayesfuse-quantity-expiry";
    /** The chunks of chunked quantities: a header per chunk ({@link StoredQuantity} with its geometry). */
    public static final String CHUNK_STORE = "bayesfuse-chunks";
    /** One record per (chunk, source). */
    public static final String CHUNK_SOURCE_STORE = "bayesfuse-chunk-sources";
    /** The chunks' sources ordered by when their time to live runs out. */
    public static final String CHUNK_EXPIRY_STORE = "bayesfuse-chunk-expiry";
    /** The online learners' posteriors: a header per model and its value chunks (see the learner stage). */
    public static final String LEARNER_STORE = "bayesfuse-learners";
    /** The learners' mini-batches being gathered, one record per example. */
    public static final String LEARNER_BATCH_STORE = "bayesfuse-learner-batches";
    /** When each gathered mini-batch is due (stream time), by due time and model id. */
    public static final String LEARNER_SCHEDULE_STORE = "bayesfuse-learner-schedule";
    public static final String CONFIG_STORE = "bayesfuse-config";
    /** The per-region tracking state (tracks, scan history), kernels' RegionStateCodec values. */
    public static final String REGION_STORE = "bayesfuse-regions";
    /** Per region, truth that arrived before the scans of its time. */
    public static final String REGION_TRUTH_STORE = "bayesfuse-region-truth";
    public static final String ACCEPTED_CONFIG_STORE = "bayesfuse-config-accepted";
    /** The name of the internal repartition topic of tombstones (prefixed by the application id, suffixed "-repartition"). */
    public static final String TOMBSTONE_REPARTITION = "posterior-tombstones";

    /**
     * Whether the filter stage's stores have a record cache (they do; the benchmark's baseline of the
     * filter stage follows this, so that both are compared with the same store settings).
     */
    public static final boolean FILTER_STORES_CACHED = true;

    /**
     * How long the write-behind entity and header stores hold a value before a put writes them early
     * ({@link WriteBehindStore}): under exactly once the commit (every 100 ms) comes first; under at
     * least once (every 30 s by default) this bounds how far interactive queries lag while records flow.
     */
    static final Duration WRITE_BEHIND_MAX_HOLD = Duration.ofSeconds(1);

    /** Whether the learner stage's stores have a record cache (the benchmark's baseline of the learner stage follows this). */
    public static final boolean LEARNER_STORES_CACHED = true;

    /** Quantities visited per punctuation (expiry of silent sources). */
    static final int SWEEP_BUDGET = 10_000;

    private final BayesfuseConfig config;
    private final Map<String, ?> serdeSettings;
    private final RecordSizeLimits limits;
    private final ConfigGeneration generation = new ConfigGeneration();

    /**
     * @param config        a validated configuration with a filter section, fusion settings, a tracking section, or several
     * @param serdeSettings the Avro serdes' settings (schema registry URL, credentials...) and the
     *                      topics' size limits ({@link RecordSizeLimits#fromSettings})
     */
    public BayesfuseTopology(BayesfuseConfig config, Map<String, ?> serdeSettings) {
        this.config = config;
        this.serdeSettings = serdeSettings;
        this.limits = RecordSizeLimits.fromSettings(serdeSettings);
    }

    public Topology build() {
        if (config.filter() == null && !config.hasFusion() && config.tracking() == null && !config.hasLearning()) {
            throw new ConfigException("filter", "a deployment needs a filter section, fusion settings or a tracking section"
                    + " (or models to learn)");
        }
        TopicNames topics = config.application().topicNames();
        StreamsBuilder builder = new StreamsBuilder();
        if (config.hasFusion()) {
            addFusionStage(builder, topics);
        }
        if (config.tracks() != null) {
            addTrackPublisher(builder, topics);
        }
        Topology topology = builder.build();
        addLiveConfiguration(topology, topics);
        if (config.filter() != null) {
            addFilterStage(topology, topics);
        }
        if (config.tracking() != null) {
            addTrackingStage(topology, topics);
        }
        if (config.hasLearning()) {
            addLearnerStage(topology, topics);
        }
        return topology;
    }

    /** The config topic, validated once and in order, then held by every instance. */
    private void addLiveConfiguration(Topology topology, TopicNames topics) {
        Serde<String> keys = Serdes.String();
        Serde<ConfigRecord> configRecords = avro(ConfigRecord.class);
        StoreBuilder<KeyValueStore<String, ConfigRecord>> accepted = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ACCEPTED_CONFIG_STORE), keys, configRecords);
        topology.addSource("config-source", keys.deserializer(), configRecords.deserializer(), topics.config())
                .addProcessor("config-validate", () -> new ConfigValidator(config, ACCEPTED_CONFIG_STORE,
                        BayesfuseTopology::compile), "config-source")
                .addStateStore(accepted, "config-validate")
                .addSink("config-validated-sink", topics.validatedConfig(), keys.serializer(), configRecords.serializer(),
                        "config-validate");
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CONFIG_STORE), keys, configRecords).withLoggingDisabled(),
                "config-validated-source", keys.deserializer(), configRecords.deserializer(), topics.validatedConfig(),
                "config-store", () -> new ConfigStoreUpdater(CONFIG_STORE, generation));
    }

    /** What a candidate configuration would run: its filters and its fusion rules (ConfigException when they do not fit). */
    private static void compile(BayesfuseConfig candidate) {
        if (candidate.filter() != null) {
            FilterSelection.compile(candidate);
        }
        if (candidate.hasFusion()) {
            FusionSelection.compile(candidate);
        }
        if (candidate.hasLearning()) {
            LearnerStage.compile(candidate);
        }
    }

    /**
     * The filter stage. Its three stores have a record cache ({@link #FILTER_STORES_CACHED}), and the
     * entity store is write-behind above it ({@link WriteBehindStore}: an entity's state is serialized
     * once per commit, not per measurement): an
     * entity measured many times between two commits is written to RocksDB and to its changelog once
     * per commit, not once per measurement. The cache is flushed before every commit, so the
     * changelogs hold exactly the committed states (exactly once, restoration unchanged), and no
     * output depends on it: the processor forwards its estimates itself, the stores forward nothing.
     */
    private void addFilterStage(Topology topology, TopicNames topics) {
        Serde<String> keys = Serdes.String();
        FilterStage stage = new FilterStage(config, ENTITY_STORE, SENSOR_STORE, ENTITY_SCHEDULE_STORE, CONFIG_STORE, generation,
                config.application().idOrDefault(), config.application().siteOrDefault());
        Serde<Measurement> measurements = avro(Measurement.class);
        Serde<Estimate> estimates = avro(Estimate.class);
        topology.addSource(Topology.AutoOffsetReset.EARLIEST, "measurements-source",
                        new MeasurementTimeExtractor(stage.maxFutureMillis()), keys.deserializer(),
                        measurements.deserializer(), topics.measurements())
                .addProcessor("entity-filter", () -> new EntityFilterProcessor(stage), "measurements-source")
                .addStateStore(WriteBehindStore.builder(filterStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_STORE),
                        keys, new TrackedEntitySerde())), WRITE_BEHIND_MAX_HOLD), "entity-filter")
                .addStateStore(filterStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SENSOR_STORE), keys,
                        new SensorStateSerde())), "entity-filter")
                .addStateStore(filterStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_SCHEDULE_STORE), keys,
                        Serdes.ByteArray())), "entity-filter")
                .addSink(EntityFilterProcessor.ESTIMATES, topics.estimates(), keys.serializer(), estimates.serializer(), "entity-filter")
                .addSink(EntityFilterProcessor.SMOOTHED, topics.smoothed(), keys.serializer(), estimates.serializer(), "entity-filter")
                .addSink(EntityFilterProcessor.CHANGEPOINTS, topics.changepoints(), keys.serializer(),
                        avro(Changepoint.class).serializer(), "entity-filter");
    }

    /**
     * Examples into the per-model online learners; their posteriors out as this site's sources of the
     * models. The three stores have a record cache ({@link #LEARNER_STORES_CACHED}): an example gathered
     * and learned between two commits never reaches RocksDB or the changelog, and a posterior learned
     * several times between two commits is written once. The cache is flushed before every commit, so
     * the changelogs hold exactly the committed state; the processor forwards its posteriors itself.
     */
    private void addLearnerStage(Topology topology, TopicNames topics) {
        Serde<String> keys = Serdes.String();
        LearnerStage stage = new LearnerStage(config, LEARNER_STORE, LEARNER_BATCH_STORE, LEARNER_SCHEDULE_STORE, CONFIG_STORE,
                generation, config.application().siteOrDefault());
        topology.addSource(Topology.AutoOffsetReset.EARLIEST, "examples-source", keys.deserializer(),
                        avro(Example.class).deserializer(), topics.examples())
                .addProcessor("example-learner", () -> new ExampleLearnerProcessor(stage), "examples-source");
        for (String store : List.of(LEARNER_STORE, LEARNER_BATCH_STORE, LEARNER_SCHEDULE_STORE)) {
            StoreBuilder<KeyValueStore<String, byte[]>> builder = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                    keys, Serdes.ByteArray());
            topology.addStateStore(LEARNER_STORES_CACHED ? builder.withCachingEnabled() : builder, "example-learner");
        }
        topology.addSink(ExampleLearnerProcessor.UPDATES, topics.posteriorUpdates(), keys.serializer(),
                        avro(PosteriorUpdate.class).serializer(), "example-learner")
                .addSink(ExampleLearnerProcessor.CHUNKS, topics.posteriorChunks(), keys.serializer(),
                        avro(PosteriorChunk.class).serializer(), "example-learner");
    }

    /**
     * Detection scans, keyed by region, into the per-region tracker; tracks out keyed by track id. The
     * truth topic (key: region) joins the same tasks, to score the tracks.
     */
    private void addTrackingStage(Topology topology, TopicNames topics) {
        Serde<String> keys = Serdes.String();
        TrackingStage stage = new TrackingStage(config, REGION_STORE, REGION_TRUTH_STORE, config.application().idOrDefault(),
                config.application().siteOrDefault());
        topology.addSource(Topology.AutoOffsetReset.EARLIEST, "detections-source", keys.deserializer(),
                        avro(DetectionScan.class).deserializer(), topics.detections())
                .addSource(Topology.AutoOffsetReset.EARLIEST, "truth-source", keys.deserializer(),
                        avro(Truth.class).deserializer(), topics.truth())
                .addProcessor("region-tracking", () -> new RegionTrackingProcessor(stage), "detections-source")
                .addProcessor("region-truth", () -> new RegionTruthProcessor(stage), "truth-source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGION_STORE), keys,
                        new RegionStateSerde()), "region-tracking", "region-truth")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGION_TRUTH_STORE), keys,
                        new TruthBufferSerde()), "region-tracking", "region-truth")
                .addSink("tracks-sink", topics.tracks(), keys.serializer(), avro(Estimate.class).serializer(), "region-tracking");
    }

    private static <S extends StateStore> StoreBuilder<S> filterStore(StoreBuilder<S> store) {
        return FILTER_STORES_CACHED ? store.withCachingEnabled() : store;
    }

    /** Posterior updates (and tombstones, re-keyed by quantity) into the per-quantity fusion. */
    private void addFusionStage(StreamsBuilder builder, TopicNames topics) {
        Serde<String> keys = Serdes.String();
        FusionStage stage = new FusionStage(config, QUANTITY_STORE, QUANTITY_SOURCE_STORE, QUANTITY_EXPIRY_STORE, CONFIG_STORE,
                generation, config.application().idOrDefault());
        // a record cache on the headers only, under a write-behind store: a quantity updated many times
        // between two commits has its header serialized, written to RocksDB and the changelog once per
        // commit; reads see the newest value. The
        // source records and expiry entries are as many as the sources: cached too, they would fill the
        // cache at large K, and every eviction flushes the evicting store's dirty entries, so the headers'
        // saving would depend on K (docs/fusion.md, "Record cache")
        builder.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUANTITY_STORE), keys,
                new StoredQuantitySerde()).withCachingEnabled(), WRITE_BEHIND_MAX_HOLD));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUANTITY_SOURCE_STORE), keys,
                Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUANTITY_EXPIRY_STORE), keys,
                Serdes.ByteArray()));
        Map<String, KStream<String, PosteriorUpdate>> records = builder.stream(topics.posteriorUpdates(),
                        Consumed.with(keys, avro(PosteriorUpdate.class)).withName("posterior-updates-source")
                                .withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .split(Named.as("posterior-"))
                .branch((key, update) -> update == null, Branched.as("tombstones"))
                .defaultBranch(Branched.as("updates"));
        KStream<String, PosteriorInput> tombstones = records.get("posterior-tombstones")
                .process(TombstoneRouter::new, Named.as("posterior-tombstone-router"))
                .repartition(Repartitioned.<String, PosteriorInput.Tombstone>as(TOMBSTONE_REPARTITION)
                        .withKeySerde(keys).withValueSerde(new TombstoneSerde()))
                .mapValues(tombstone -> (PosteriorInput) tombstone, Named.as("posterior-tombstone-inputs"));
        records.get("posterior-updates")
                .mapValues(update -> (PosteriorInput) new PosteriorInput.Update(update), Named.as("posterior-update-inputs"))
                .merge(tombstones, Named.as("posterior-inputs"))
                .process(() -> new PosteriorFusionProcessor(stage), Named.as("posterior-fusion"), QUANTITY_STORE,
                        QUANTITY_SOURCE_STORE, QUANTITY_EXPIRY_STORE)
                .to(topics.fused(), Produced.with(keys, avro(FusedPosterior.class)).withName("fused-sink"));

        // chunks of large posteriors: each chunk a fusion of its own, keyed quantityId#chunkIndex; no record
        // cache (a chunk's header is as large as its chunk: a few would fill the cache)
        FusionStage chunks = new FusionStage(config, CHUNK_STORE, CHUNK_SOURCE_STORE, CHUNK_EXPIRY_STORE, CONFIG_STORE,
                generation, config.application().idOrDefault());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHUNK_STORE), keys, new StoredQuantitySerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHUNK_SOURCE_STORE), keys, Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHUNK_EXPIRY_STORE), keys, Serdes.ByteArray()));
        builder.stream(topics.posteriorChunks(), Consumed.with(keys, avro(PosteriorChunk.class)).withName("posterior-chunks-source")
                        .withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .process(() -> new ChunkFusionProcessor(chunks), Named.as("chunk-fusion"), CHUNK_STORE, CHUNK_SOURCE_STORE,
                        CHUNK_EXPIRY_STORE)
                .to(topics.fusedChunks(), Produced.with(keys, avro(FusedChunk.class)).withName("fused-chunks-sink"));
    }

    /** Track-to-track fusion: the configured estimate topics become posterior updates of their entities' tracks. */
    private void addTrackPublisher(StreamsBuilder builder, TopicNames topics) {
        Serde<String> keys = Serdes.String();
        builder.stream(config.tracks().estimateTopicsOr(topics), Consumed.with(keys, avro(Estimate.class))
                        .withName("track-estimates-source").withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .process(TrackPublisher::new, Named.as("track-publisher"))
                .to(topics.posteriorUpdates(), Produced.with(keys, avro(PosteriorUpdate.class)).withName("track-posteriors-sink"));
    }

    /**
     * An Avro serde whose serializer refuses a record larger than its topic accepts (see
     * {@link RecordSizeLimits}: under exactly-once a refused send would abort the transaction).
     */
    private <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(serdeSettings, false);
        return Serdes.serdeFrom(new SizeLimitedSerializer<>(serde.serializer(), limits), serde.deserializer());
    }
}
