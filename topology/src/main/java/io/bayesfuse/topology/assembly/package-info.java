/**
 * The one seam from configuration to kernel objects: every class here turns validated settings
 * ({@code io.bayesfuse.topology.config}) into the kernels' objects and reports what only shows when the
 * parts meet as a {@link io.bayesfuse.topology.config.ConfigException} naming the setting.
 * {@link io.bayesfuse.topology.assembly.MotionModelFactory}, {@link io.bayesfuse.topology.assembly.MeasurementModelFactory}
 * and {@link io.bayesfuse.topology.assembly.FilterFactory} build the parts,
 * {@link io.bayesfuse.topology.assembly.TrackerFactory} puts them together into a per-entity tracker and
 * {@link io.bayesfuse.topology.assembly.RegionTrackerFactory} into a tracking region's tracker,
 * {@link io.bayesfuse.topology.assembly.FusionRuleFactory} and {@link io.bayesfuse.topology.assembly.AlignmentFactory}
 * build the fusion rules and the time alignment of fused tracks,
 * {@link io.bayesfuse.topology.assembly.ChangepointDetectorFactory} a sensor's changepoint detector, and
 * {@link io.bayesfuse.topology.assembly.SettingErrors} translates the kernels' complaints into setting names.
 * This package depends only on the configuration model and the kernels; the stages
 * ({@code filtering}, {@code fusion}, {@code sensors}, {@code tracking}, {@code query}) depend on it,
 * never the reverse.
 */
package io.bayesfuse.topology.assembly;
