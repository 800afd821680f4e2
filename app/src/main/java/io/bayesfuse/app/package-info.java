/**
 * The {@code bayesfuse} command line. {@link io.bayesfuse.app.BayesfuseCommand} is the entry point
 * ({@code main}) and registers every subcommand, each a picocli class in this package or a sub-package.
 * {@code replay} lives here ({@link io.bayesfuse.app.ReplayCommand}): it runs the kernels' per-entity
 * filter over a JSON-lines file of measurements and writes one estimate per measurement, in the format of
 * the reference scenarios ({@code reference/FORMAT.md}). The application does input and output and calls
 * {@code topology} and {@code kernels}: no class here or in a sub-package uses a matrix library or the
 * kernels' filter, motion, measurement, gating or linear-algebra packages ({@code AppArchitectureTest}
 * checks it).
 */
package io.bayesfuse.app;
