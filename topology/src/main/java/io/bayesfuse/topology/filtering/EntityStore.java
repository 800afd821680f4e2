package io.bayesfuse.topology.filtering;

import io.bayesfuse.topology.filtering.TrackedEntity;
import io.bayesfuse.topology.metrics.FilterMetrics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter stage's entities and their schedule, always written together: every change of an
 * entity's state moves its due entry in the schedule store ({@link ScheduleKeys}) in the same
 * processing step, so both are changelogged, restored and committed together under exactly-once,
 * and a restarted or migrated task finds exactly the schedule an uninterrupted one has.
 *
 * <p>Reading an entity applies its time to live ({@link #get}): an expired entity is evicted on
 * the spot, so whether the sweep before the record reached it yet (its budget) changes nothing.
 *
 * <p>The smallest due time is remembered between records (found again after a restart by one
 * look at the first entry), so most records cost no scan. That memory only saves work: what is due
 * when depends on the stored entries and stream time alone.
 */
public final class EntityStore {

    private static final Logger LOG = LoggerFactory.getLogger(EntityStore.class);
    private static final byte[] EMPTY = new byte[0];
    /** Keys deleted per pass when the schedule is rebuilt. */
    private static final int CLEAR_BATCH = 10_000;

    private final KeyValueStore<String, TrackedEntity> entities;
    private final KeyValueStore<String, byte[]> schedule;
    private final EntitySchedule rules;
    private final FilterMetrics metrics;
    private boolean settingsChecked;
    /** A lower bound of every due time in the store, or null when not known. */
    private Long earliest;

    public EntityStore(KeyValueStore<String, TrackedEntity> entities, KeyValueStore<String, byte[]> schedule,
                       EntitySchedule rules, FilterMetrics metrics) {
        this.entities = entities;
        this.schedule = schedule;
        this.rules = rules;
        this.metrics = metrics;
    }

    /** The entity at stream time {@code now}: null when it is absent or has outlived its time to live (then it is evicted). */
    public TrackedEntity get(String entityId, long now) {
        TrackedEntity entity = entities.get(entityId);
        if (entity != null && rules.expired(entity.state().time(), now)) {
            evict(entityId, entity);
            return null;
        }
        return entity;
    }

    /**
     * Stores an entity's new state at stream time {@code now}.
     *
     * @param before its state as {@link #get} returned it (null: the entity is new, or returns)
     */
    public void put(String entityId, TrackedEntity before, TrackedEntity after, long now) {
        entities.put(entityId, after);
        if (!rules.active()) {
            return;
        }
        long predictedThrough;
        if (before == null) {
            // a new entity is never predicted at the tick current at its creation: that tick may have
            // been published for an earlier entity of the same id
            predictedThrough = rules.predicts() ? rules.tick(now) : EntitySchedule.NOT_PREDICTED;
            if (rules.predicts()) {
                schedule.put(ScheduleKeys.predicted(entityId), encode(predictedThrough));
            }
        } else {
            predictedThrough = predictedThrough(entityId);
        }
        long was = before == null ? EntitySchedule.NEVER : rules.dueAt(before.state().time(), predictedThrough);
        move(entityId, was, rules.dueAt(after.state().time(), predictedThrough));
    }

    /**
     * Deletes an entity (a tombstone, a reset).
     *
     * @param before its state as {@link #get} returned it, or null when there is none
     */
    public void delete(String entityId, TrackedEntity before) {
        entities.delete(entityId);
        if (before != null && rules.active()) {
            long predictedThrough = predictedThrough(entityId);
            move(entityId, rules.dueAt(before.state().time(), predictedThrough), EntitySchedule.NEVER);
            schedule.delete(ScheduleKeys.predicted(entityId));
        }
    }

    /** An entity as stored, whatever its age. */
    TrackedEntity stored(String entityId) {
        return entities.get(entityId);
    }

    /** Evicts an entity that outlived its time to live. */
    void evict(String entityId, TrackedEntity entity) {
        delete(entityId, entity);
        metrics.evicted(1);
    }

    /** The newest tick at which the entity may no longer be predicted, or {@link EntitySchedule#NOT_PREDICTED}. */
    long predictedThrough(String entityId) {
        byte[] bytes = schedule.get(ScheduleKeys.predicted(entityId));
        return bytes == null ? EntitySchedule.NOT_PREDICTED : ByteBuffer.wrap(bytes).getLong();
    }

    /** Records that the entity was predicted at {@code tick}, which moves its due entry to its next action. */
    void predicted(String entityId, TrackedEntity entity, long previouslyThrough, long tick) {
        schedule.put(ScheduleKeys.predicted(entityId), encode(tick));
        long lastSeen = entity.state().time();
        move(entityId, rules.dueAt(lastSeen, previouslyThrough), rules.dueAt(lastSeen, tick));
    }

    /**
     * The due entries at stream time {@code now}, earliest first, at most {@code limit}; the
     * caller acts on each (which moves or removes it).
     */
    List<ScheduleKeys.Due> due(long now, int limit) {
        if (earliest == null) {
            earliest = firstDue();
        }
        if (earliest > now) {
            return List.of();
        }
        List<ScheduleKeys.Due> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = schedule.range(null, ScheduleKeys.dueAtOrBefore(now))) {
            while (it.hasNext() && due.size() < limit) {
                due.add(ScheduleKeys.parseDue(it.next().key));
            }
        }
        earliest = due.isEmpty() ? firstDue() : null;
        return due;
    }

    /** Moves an entity's due entry from one time to another ({@link EntitySchedule#NEVER}: no entry). */
    void move(String entityId, long from, long to) {
        if (from == to) {
            return;
        }
        if (from != EntitySchedule.NEVER) {
            schedule.delete(ScheduleKeys.due(from, entityId));
        }
        if (to != EntitySchedule.NEVER) {
            schedule.put(ScheduleKeys.due(to, entityId), EMPTY);
            if (earliest != null && to < earliest) {
                earliest = to;
            }
        }
    }

    /**
     * Once per task start, before its first record: when the schedule was computed with other
     * settings (or never, as by a release without it), it is rebuilt from the stored entities, every
     * entity counting as created at stream time {@code now}. Done inside the processing of a record,
     * so the rebuild is part of that record's transaction.
     */
    void ensureSettings(long now) {
        if (settingsChecked) {
            return;
        }
        settingsChecked = true;
        String wanted = rules.describe();
        byte[] stored = schedule.get(ScheduleKeys.SETTINGS);
        if (stored != null && wanted.equals(new String(stored, StandardCharsets.UTF_8))) {
            return;
        }
        int cleared = clear();
        int scheduled = 0;
        if (rules.active()) {
            long predictedThrough = rules.predicts() ? rules.tick(now) : EntitySchedule.NOT_PREDICTED;
            try (KeyValueIterator<String, TrackedEntity> all = entities.all()) {
                while (all.hasNext()) {
                    KeyValue<String, TrackedEntity> entity = all.next();
                    if (rules.predicts()) {
                        schedule.put(ScheduleKeys.predicted(entity.key), encode(predictedThrough));
                    }
                    move(entity.key, EntitySchedule.NEVER, rules.dueAt(entity.value.state().time(), predictedThrough));
                    scheduled++;
                }
            }
        }
        schedule.put(ScheduleKeys.SETTINGS, wanted.getBytes(StandardCharsets.UTF_8));
        earliest = null;
        if (cleared > 0 || scheduled > 0) {
            LOG.info("entity schedule rebuilt for {} ({} entities scheduled, {} old entries removed; it was {})",
                    wanted, scheduled, cleared, stored == null ? "absent" : new String(stored, StandardCharsets.UTF_8));
        }
    }

    /** Deletes every key of the schedule store; returns how many. */
    private int clear() {
        int deleted = 0;
        String from = null;
        while (true) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = from == null ? schedule.all() : schedule.range(from, null)) {
                while (it.hasNext() && keys.size() < CLEAR_BATCH) {
                    keys.add(it.next().key);
                }
            }
            if (keys.isEmpty()) {
                return deleted;
            }
            keys.forEach(schedule::delete);
            deleted += keys.size();
            from = keys.get(keys.size() - 1);
        }
    }

    private long firstDue() {
        try (KeyValueIterator<String, byte[]> it = schedule.range(null, ScheduleKeys.AFTER_DUE_ENTRIES)) {
            return it.hasNext() ? ScheduleKeys.parseDue(it.next().key).time() : EntitySchedule.NEVER;
        }
    }

    private static byte[] encode(long time) {
        return ByteBuffer.allocate(Long.BYTES).putLong(time).array();
    }
}
