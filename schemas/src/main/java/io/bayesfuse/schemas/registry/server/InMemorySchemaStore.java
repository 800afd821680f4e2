package io.bayesfuse.schemas.registry.server;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/** Keeps the registry in this process's memory: fast, and gone when the process ends. */
public final class InMemorySchemaStore implements SchemaStore {

    private final RegistryState state = new RegistryState();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public <T> T read(Function<RegistryState, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean append(RegistryRecord record) {
        lock.writeLock().lock();
        try {
            return state.apply(record);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
