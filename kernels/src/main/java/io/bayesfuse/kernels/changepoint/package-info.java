/**
 * Online Bayesian changepoint detection (Adams &amp; MacKay 2007) on one channel at a time: a sensor's
 * whitened innovations ({@link io.bayesfuse.kernels.entity.TrackingResult#normalisedInnovation()},
 * N(0, I) while the filter is consistent, so a bias shows as a mean shift and a wrong R as a change of
 * covariance) or a raw measurement channel.
 *
 * <ul>
 *   <li>{@link io.bayesfuse.kernels.changepoint.ChangepointDetector}: the run-length recursion, a
 *       preallocated engine; {@link io.bayesfuse.kernels.changepoint.ChangepointState} the channel's state
 *       as a value (codec: {@link io.bayesfuse.kernels.codec.ChangepointStateCodec}).</li>
 *   <li>{@link io.bayesfuse.kernels.changepoint.ConjugateModel}: the per-run model,
 *       {@link io.bayesfuse.kernels.changepoint.NormalGamma} (univariate) or
 *       {@link io.bayesfuse.kernels.changepoint.NormalInverseWishart} (multivariate; a standard-normal
 *       prior for whitened innovations).</li>
 *   <li>{@link io.bayesfuse.kernels.changepoint.Hazard}: the changepoint prior,
 *       {@link io.bayesfuse.kernels.changepoint.ConstantHazard} (geometric segment lengths).</li>
 *   <li>{@link io.bayesfuse.kernels.changepoint.RunLengthPruning}: the bound on the cost (at most K run
 *       lengths, none below a probability); {@link io.bayesfuse.kernels.changepoint.ChangeDecision}: the
 *       rule that turns the posterior into detections, with the measured delays and false-alarm rates in
 *       {@code ChangepointDetectorTest} and {@code InnovationChangepointTest}.</li>
 * </ul>
 * In a stream, the state is kept per channel key: per sensor (its innovations from every entity, which
 * needs them repartitioned by sensor; the fastest to see a sensor degrade) or per entity × sensor
 * (co-partitioned with the entity, no repartition). The reaction to a detection — relearn or inflate the
 * sensor's R ({@link io.bayesfuse.kernels.adaptive.NoiseAdaptation#relearn}), reset entities — is the
 * caller's.
 */
package io.bayesfuse.kernels.changepoint;
