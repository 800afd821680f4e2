/**
 * The data contracts of bayesfuse's topics and how they travel: Avro schemas in {@code src/main/avro},
 * generated into {@code io.bayesfuse.avro} and listed by {@link io.bayesfuse.schemas.Contracts}, sent in
 * the Confluent wire format. The contracts are versioned: every released version is kept under
 * {@code src/test/resources/schema-history}, a change adds a version, and the current schema must read
 * data written with every released one. The sub-packages hold the serdes ({@code serde}), the registry
 * client ({@code registry}), an embeddable registry ({@code registry.server}) and the splitting of large
 * posteriors into chunks ({@code chunks}); nothing here knows about filters.
 */
package io.bayesfuse.schemas;
