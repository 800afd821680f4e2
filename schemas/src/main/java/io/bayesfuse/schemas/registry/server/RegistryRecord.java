package io.bayesfuse.schemas.registry.server;

/**
 * One change to the registry, as a store keeps it. The registry's whole state is the result of
 * applying these records in order ({@link RegistryState#apply}); a store that is a log (the Kafka
 * store) replays them at start-up.
 */
public sealed interface RegistryRecord permits SchemaClaim, VersionDeletion, CompatibilityChange {
}
