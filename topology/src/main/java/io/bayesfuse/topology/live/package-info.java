/**
 * Configuration changed at run time through the compacted config topic:
 * {@link io.bayesfuse.topology.live.ConfigValidator} checks each record against the configuration it would
 * produce and forwards an accepted one to the validated-config topic (a refused one is dead-lettered),
 * which every instance keeps in a global store ({@link io.bayesfuse.topology.live.ConfigStoreUpdater}).
 * {@link io.bayesfuse.topology.live.ConfigRecords} and {@link io.bayesfuse.topology.live.ConfigOverrides}
 * merge the records over the file, and {@link io.bayesfuse.topology.live.LiveConfig} gives a processor the
 * compiled result, recompiling only when the {@link io.bayesfuse.topology.live.ConfigGeneration} counter
 * has moved, so a live change costs one counter read per record.
 */
package io.bayesfuse.topology.live;
