/**
 * {@code bayesfuse demo} ({@link io.bayesfuse.app.demo.DemoCommand}): the whole system in one process. It
 * starts an embedded Kafka broker and schema registry, one {@link io.bayesfuse.app.run.BayesfuseInstance}
 * with the configuration in {@code resources/demo/demo.yaml} (printed by {@code --print-config}, and an
 * example for {@code run}) and a simulator thread that feeds it, prints the dashboard's address and runs
 * until interrupted. It only assembles parts from other packages: nothing here filters or fuses.
 */
package io.bayesfuse.app.demo;
