/**
 * The live dashboard's server side: {@link io.bayesfuse.app.dashboard.DashboardFeed} reads the
 * topology's output topics (estimates, measurements, fused posteriors, dead letters) with a
 * read_committed consumer and turns each record into a small JSON event
 * ({@link io.bayesfuse.app.dashboard.DashboardEvents}); {@link io.bayesfuse.app.dashboard.DashboardState}
 * keeps the recent past for pages that open later; {@link io.bayesfuse.app.dashboard.EventHub}
 * sends the events to every open page as server-sent events, a batch every 250 ms. The
 * simulator's truth reaches it in-process through {@link io.bayesfuse.app.dashboard.TruthChannel}
 * (demo only: truth is not a topic). The page itself is static, in {@code resources/dashboard}.
 */
package io.bayesfuse.app.dashboard;
