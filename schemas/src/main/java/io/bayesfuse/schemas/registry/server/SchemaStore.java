package io.bayesfuse.schemas.registry.server;

import java.util.function.Function;

/**
 * Where the registry's records live. A store applies every record to one {@link RegistryState}
 * and lets the registry query it. Implementations: {@link InMemorySchemaStore} and
 * {@link KafkaSchemaStore}.
 */
public interface SchemaStore extends AutoCloseable {

    /** Runs a query against a consistent view of the state. */
    <T> T read(Function<RegistryState, T> query);

    /**
     * Appends a record and applies it; returns whether the state accepted it (see
     * {@link RegistryState#apply}). A refusal means another writer changed the state first.
     *
     * @throws RegistryErrorException with {@code STORE_ERROR} or {@code OPERATION_TIMEOUT} when
     *                                the record could not be stored
     */
    boolean append(RegistryRecord record);

    /**
     * Waits until the state includes every record stored so far, also those written through other
     * registry instances sharing the store (read-your-peers'-writes). A store with a single writer
     * is always caught up.
     *
     * @throws RegistryErrorException with {@code STORE_ERROR} or {@code OPERATION_TIMEOUT} when the
     *                                store cannot be read up to its end
     */
    default void catchUp() {
    }

    @Override
    void close();
}
