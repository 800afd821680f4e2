package io.bayesfuse.schemas.registry;

import org.apache.avro.Schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Caches the lookups a serde makes on every record: schema by id, id by (subject, schema) for
 * registration and lookup, and fixed versions (all immutable in the registry). {@code latest} is
 * cached for the configured time to live ({@code latest.cache.ttl.sec}; for ever by default, as
 * Confluent does). Administrative calls pass straight through; deletions made through this client
 * drop what they invalidate.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) { }

    private record SubjectVersion(String subject, int version) { }

    private record Expiring(RegisteredSchema value, long expiresAtNanos) { }

    private final SchemaRegistryClient delegate;
    private final Optional<Duration> latestTtl;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Expiring> latest = new ConcurrentHashMap<>();

    /**
     * @param latestTtl how long {@code latest} answers are kept; empty keeps them for ever, zero never
     */
    public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Optional<Duration> latestTtl, LongSupplier nanoTime) {
        this.delegate = delegate;
        this.latestTtl = latestTtl;
        this.nanoTime = nanoTime;
    }

    /** A caching REST client for the given settings. */
    public static CachingSchemaRegistryClient of(RegistryClientConfig config) {
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config), config.latestCacheTtl(), System::nanoTime);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = registeredIds.get(key);
        if (cached != null) {
            return cached;
        }
        int id = delegate.register(subject, schema);
        registeredIds.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema found = delegate.lookup(subject, schema);
        lookups.put(key, found);
        schemasById.putIfAbsent(found.id(), found.schema());
        return found;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = delegate.schemaById(id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema version(String subject, String version) {
        if (LATEST.equalsIgnoreCase(version) || "-1".equals(version)) {
            return latestOf(subject);
        }
        int number;
        try {
            number = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            return delegate.version(subject, version);
        }
        SubjectVersion key = new SubjectVersion(subject, number);
        RegisteredSchema cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema found = delegate.version(subject, version);
        versions.put(key, found);
        schemasById.putIfAbsent(found.id(), found.schema());
        return found;
    }

    private RegisteredSchema latestOf(String subject) {
        long now = nanoTime.getAsLong();
        Expiring cached = latest.get(subject);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.value();
        }
        RegisteredSchema found = delegate.latest(subject);
        long ttlNanos = latestTtl.map(Duration::toNanos).orElse(Long.MAX_VALUE / 2);
        if (ttlNanos > 0) {
            latest.put(subject, new Expiring(found, now + ttlNanos));
        }
        schemasById.putIfAbsent(found.id(), found.schema());
        return found;
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return delegate.globalCompatibility();
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        return delegate.setGlobalCompatibility(level);
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return delegate.subjectCompatibility(subject);
    }

    @Override
    public CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        return delegate.setSubjectCompatibility(subject, level);
    }

    @Override
    public void deleteSubjectCompatibility(String subject) {
        delegate.deleteSubjectCompatibility(subject);
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        return delegate.isCompatible(subject, version, schema);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> deleted = delegate.deleteSubject(subject, permanent);
        forget(subject);
        return deleted;
    }

    @Override
    public int deleteVersion(String subject, String version, boolean permanent) {
        int deleted = delegate.deleteVersion(subject, version, permanent);
        forget(subject);
        return deleted;
    }

    private void forget(String subject) {
        registeredIds.keySet().removeIf(key -> key.subject().equals(subject));
        lookups.keySet().removeIf(key -> key.subject().equals(subject));
        versions.keySet().removeIf(key -> key.subject().equals(subject));
        latest.remove(subject);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
