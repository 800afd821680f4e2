/**
 * The configuration model: a record per concept of the YAML file, with
 * {@link io.bayesfuse.topology.config.BayesfuseConfig} at the root
 * ({@link io.bayesfuse.topology.config.SensorConfig}, {@link io.bayesfuse.topology.config.FilterConfig},
 * {@link io.bayesfuse.topology.config.FusionConfig}, ...), read by
 * {@link io.bayesfuse.topology.config.ConfigLoader} and overridden by environment variables
 * ({@link io.bayesfuse.topology.config.EnvironmentOverrides}). Unknown settings are errors, and every
 * error is a {@link io.bayesfuse.topology.config.ConfigException} naming the setting by its path in the
 * file (e.g. {@code sensors.radar.R}); {@link io.bayesfuse.topology.config.Problems} collects problems
 * during validation. Records of the config topic are translated into the same model, so a live change is
 * validated like the file.
 */
package io.bayesfuse.topology.config;
