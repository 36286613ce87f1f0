package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Measures one round trip at a time: warm up for a while, then time every call with {@link System#nanoTime()} into
 * an {@link Histogram} sized up front, so that recording allocates nothing.
 *
 * @since 0.1.0
 */
final class LatencyLoop {

	/** Longest latency the histograms track; longer calls are recorded as this. */
	static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

	/** Significant digits of the histograms. */
	static final int SIGNIFICANT_DIGITS = 3;

	private LatencyLoop() {
	}

	/**
	 * Runs the warm-up and the measurement.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param client the connected client
	 * @param warmupNanos warm-up time
	 * @param durationNanos measuring time
	 * @return the figures
	 * @throws IOException if a call fails
	 */
	static CaseResult run(BenchmarkCase benchmarkCase, int size, SyncClient client, long warmupNanos,
			long durationNanos) throws IOException {
		long warmupEnd = System.nanoTime() + warmupNanos;
		do {
			client.roundTrip(true);
		}
		while (System.nanoTime() - warmupEnd < 0);

		Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
		AllocationMeter meter = AllocationMeter.start();
		long start = System.nanoTime();
		long end = start + durationNanos;
		long now = start;
		do {
			// One nanoTime per call: the end of one call is the start of the next, so calls/s is exactly 1/mean.
			long callStart = now;
			client.roundTrip(false);
			now = System.nanoTime();
			histogram.recordValue(Math.min(now - callStart, HIGHEST_TRACKABLE_NANOS));
		}
		while (now - end < 0);
		AllocationMeter.Allocated allocated = meter.stop();
		return CaseResult.of(benchmarkCase, size, histogram, now - start, allocated);
	}

}
