/**
 * What the modules' tests share: {@link io.bayesfuse.testsupport.PlainMatrix} (double[][] arithmetic
 * with a Gauss–Jordan inversion, for expected values computed independently of the kernels) and
 * {@link io.bayesfuse.testsupport.LinearGaussianSimulation} (seeded truth and measurements of a
 * linear-Gaussian model). Plain Java, no other module: every module's tests may use it.
 */
package io.bayesfuse.testsupport;
