package io.cdmf.ipc.benchmark;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What one case measured at one payload size and number of caller threads.
 *
 * @param benchmarkCase the case
 * @param size the payload size in bytes
 * @param callers caller threads measured together: 1 but for the cases that run {@link CallersLoop}
 * @param count calls measured
 * @param p50Micros median latency in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 * @param p999Micros 99.9th percentile latency in microseconds
 * @param callsPerSecond completed calls per second
 * @param callerBytesPerCall heap bytes the calling thread allocated per call
 * @param processBytesPerCall heap bytes all threads of the client JVM allocated per call
 * @param failure why the case failed, or {@code null} if it ran
 * @param loadAtStart the 1 minute load average when the case started, -1 if unknown
 * @param p90Micros 90th percentile latency in microseconds, NaN where the case did not record it (last, so that the
 * figures a report was built from before it keep their constructor)
 * @since 0.1.0
 */
public record CaseResult(BenchmarkCase benchmarkCase, int size, int callers, long count, double p50Micros,
		double p99Micros, double p999Micros, double callsPerSecond, double callerBytesPerCall,
		double processBytesPerCall, @Nullable String failure, double loadAtStart, double p90Micros) {

	/**
	 * Creates a result without a 90th percentile.
	 * @param benchmarkCase the case
	 * @param size the payload size in bytes
	 * @param callers caller threads measured together
	 * @param count calls measured
	 * @param p50Micros median latency in microseconds
	 * @param p99Micros 99th percentile latency in microseconds
	 * @param p999Micros 99.9th percentile latency in microseconds
	 * @param callsPerSecond completed calls per second
	 * @param callerBytesPerCall heap bytes the calling thread allocated per call
	 * @param processBytesPerCall heap bytes all threads of the client JVM allocated per call
	 * @param failure why the case failed, or {@code null} if it ran
	 * @param loadAtStart the 1 minute load average when the case started, -1 if unknown
	 */
	public CaseResult(BenchmarkCase benchmarkCase, int size, int callers, long count, double p50Micros,
			double p99Micros, double p999Micros, double callsPerSecond, double callerBytesPerCall,
			double processBytesPerCall, @Nullable String failure, double loadAtStart) {
		this(benchmarkCase, size, callers, count, p50Micros, p99Micros, p999Micros, callsPerSecond,
				callerBytesPerCall, processBytesPerCall, failure, loadAtStart, Double.NaN);
	}

	/**
	 * Creates the result of a completed measurement with one caller.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param latencies per-call latencies in nanoseconds
	 * @param elapsedNanos how long the measurement took
	 * @param allocated bytes allocated on the client during it
	 * @return the result
	 */
	static CaseResult of(BenchmarkCase benchmarkCase, int size, Histogram latencies, long elapsedNanos,
			AllocationMeter.Allocated allocated) {
		return of(benchmarkCase, size, 1, latencies, elapsedNanos, allocated);
	}

	/**
	 * Creates the result of a completed measurement.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers the caller threads
	 * @param latencies per-call latencies in nanoseconds, of every caller
	 * @param elapsedNanos how long the measurement took
	 * @param allocated bytes allocated on the client during it
	 * @return the result
	 */
	static CaseResult of(BenchmarkCase benchmarkCase, int size, int callers, Histogram latencies, long elapsedNanos,
			AllocationMeter.Allocated allocated) {
		long count = latencies.getTotalCount();
		double perCall = Math.max(1, count);
		return new CaseResult(benchmarkCase, size, callers, count, micros(latencies, 50), micros(latencies, 99),
				micros(latencies, 99.9), count * 1e9 / elapsedNanos, allocated.caller() / perCall,
				allocated.process() / perCall, null, -1, micros(latencies, 90));
	}

	/**
	 * Creates the result of a case that could not be measured.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers the caller threads
	 * @param failure what went wrong
	 * @return the result
	 */
	static CaseResult failed(BenchmarkCase benchmarkCase, int size, int callers, String failure) {
		return new CaseResult(benchmarkCase, size, callers, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
				Double.NaN, Double.NaN, failure, -1);
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * Returns this result with the load average the case started at.
	 * @param load the 1 minute load average
	 * @return the result
	 */
	CaseResult withLoadAtStart(double load) {
		return new CaseResult(this.benchmarkCase, this.size, this.callers, this.count, this.p50Micros,
				this.p99Micros, this.p999Micros, this.callsPerSecond, this.callerBytesPerCall, this.processBytesPerCall,
				this.failure, load, this.p90Micros);
	}

	/**
	 * Returns whether the case ran.
	 * @return whether there are figures
	 */
	public boolean isSuccess() {
		return this.failure == null;
	}

}
