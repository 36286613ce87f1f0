package io.cdmf.ipc.stats;

/**
 * Latency percentiles over an interval, in microseconds.
 *
 * @param count number of values recorded
 * @param meanMicros the mean
 * @param p50Micros the median
 * @param p90Micros the 90th percentile
 * @param p99Micros the 99th percentile
 * @param p999Micros the 99.9th percentile
 * @param maxMicros the largest value
 * @since 0.1.0
 */
public record LatencySnapshot(long count, double meanMicros, long p50Micros, long p90Micros, long p99Micros,
		long p999Micros, long maxMicros) {

	/** The snapshot of an interval with no values. */
	public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0, 0);

}
