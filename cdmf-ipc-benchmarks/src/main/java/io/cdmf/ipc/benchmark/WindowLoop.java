package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Measures throughput with a bounded window of calls in flight: the caller takes a permit of a {@link Semaphore}
 * before each call and the call's completion gives it back. Each call's latency (submit to completion, so it
 * includes waiting behind the window's other calls) goes into a {@link Recorder}, which completions on any thread may
 * write to.
 *
 * @since 0.1.0
 */
final class WindowLoop implements AsyncClient.Completion {

	private static final long DRAIN_TIMEOUT_SECONDS = 30;

	private final int window;

	private final Semaphore permits;

	private final Recorder recorder = new Recorder(LatencyLoop.HIGHEST_TRACKABLE_NANOS,
			LatencyLoop.SIGNIFICANT_DIGITS);

	private final AtomicLong failures = new AtomicLong();

	private volatile @Nullable String firstFailure;

	/**
	 * Creates the loop; pass it as the {@link AsyncClient.Completion} of the client it will drive.
	 * @param window calls in flight at most
	 */
	WindowLoop(int window) {
		this.window = window;
		this.permits = new Semaphore(window);
	}

	/**
	 * Returns the most calls in flight.
	 * @return the window
	 */
	int window() {
		return this.window;
	}

	@Override
	public void done(long startNanos, @Nullable String failure) {
		this.recorder.recordValue(Math.min(System.nanoTime() - startNanos, LatencyLoop.HIGHEST_TRACKABLE_NANOS));
		if (failure != null && this.failures.getAndIncrement() == 0) {
			this.firstFailure = failure;
		}
		this.permits.release();
	}

	/**
	 * Runs the warm-up and the measurement.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param client a client whose completion is this loop
	 * @param warmupNanos warm-up time
	 * @param durationNanos measuring time
	 * @return the figures
	 * @throws IOException if a call fails or the calls in flight do not finish within 30 s
	 */
	CaseResult run(BenchmarkCase benchmarkCase, int size, AsyncClient client, long warmupNanos, long durationNanos)
			throws IOException {
		submitFor(client, warmupNanos);
		drain();
		this.recorder.reset();
		AllocationMeter meter = AllocationMeter.start();
		long start = System.nanoTime();
		submitFor(client, durationNanos);
		drain();
		long elapsed = System.nanoTime() - start;
		AllocationMeter.Allocated allocated = meter.stop();
		Histogram latencies = this.recorder.getIntervalHistogram();
		long failed = this.failures.get();
		if (failed > 0) {
			throw new IOException(failed + " asynchronous calls failed, the first with " + this.firstFailure);
		}
		return CaseResult.of(benchmarkCase, size, latencies, elapsed, allocated);
	}

	private void submitFor(AsyncClient client, long nanos) throws IOException {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() - end < 0) {
			this.permits.acquireUninterruptibly();
			client.submit(System.nanoTime());
		}
	}

	private void drain() throws IOException {
		try {
			if (!this.permits.tryAcquire(this.window, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IOException((this.window - this.permits.availablePermits())
						+ " calls still in flight after " + DRAIN_TIMEOUT_SECONDS + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for calls in flight", ex);
		}
		this.permits.release(this.window);
	}

}
