/**
 * Filter consistency statistics (Bar-Shalom, Li, Kirubarajan 2001, §5.4):
 * {@link io.bayesfuse.kernels.stats.Consistency} computes the normalised estimation error squared against
 * a known truth and the two-sided acceptance interval of an average of chi-square statistics, which the
 * tests use and the dashboard's NIS bounds are drawn from. The NIS and log-likelihood of each update are
 * reported by the filters themselves.
 */
package io.bayesfuse.kernels.stats;
