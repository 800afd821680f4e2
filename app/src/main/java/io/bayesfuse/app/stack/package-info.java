/**
 * Local infrastructure without the topology: {@code bayesfuse stack}
 * ({@link io.bayesfuse.app.stack.StackCommand}) starts an embedded Kafka broker and a schema registry that
 * keeps its schemas in the broker's {@code _schemas} topic, and {@code bayesfuse registry}
 * ({@link io.bayesfuse.app.stack.RegistryCommand}) starts the registry alone, in memory or on an existing
 * cluster's topic. {@link io.bayesfuse.app.stack.RunUntilStopped} keeps services up until SIGINT or
 * SIGTERM and then closes them in reverse order of start (exit status 130 or 143); {@code demo} uses it
 * too.
 */
package io.bayesfuse.app.stack;
