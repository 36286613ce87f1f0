package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * Measures throughput with several caller threads, each making one synchronous round trip at a time on a client
 * that shares its connection with the others: what a server application with a pool of request threads does.
 * <p>
 * All callers warm up together, then measure together from one start to one end; each times its calls into its own
 * {@link Histogram}, merged at the end. calls/s is every caller's calls over the measuring time. The caller
 * allocation figure sums the callers' own threads.
 *
 * @since 0.1.0
 */
final class CallersLoop {

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final long BARRIER_SLACK_SECONDS = 60;

	private CallersLoop() {
	}

	/**
	 * Runs the warm-up and the measurement on one thread per caller.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param callers the callers, one per thread
	 * @param warmupNanos warm-up time
	 * @param durationNanos measuring time
	 * @return the figures
	 * @throws IOException if a call fails
	 */
	static CaseResult run(BenchmarkCase benchmarkCase, int size, List<? extends SyncClient> callers,
			long warmupNanos, long durationNanos) throws IOException {
		int count = callers.size();
		CyclicBarrier warmedUp = new CyclicBarrier(count + 1);
		CyclicBarrier go = new CyclicBarrier(count + 1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicLong callerBytes = new AtomicLong();
		AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
		Histogram[] histograms = new Histogram[count];
		long[] window = new long[2];
		Thread[] workers = new Thread[count];
		for (int i = 0; i < count; i++) {
			SyncClient caller = callers.get(i);
			Histogram histogram = new Histogram(LatencyLoop.HIGHEST_TRACKABLE_NANOS, LatencyLoop.SIGNIFICANT_DIGITS);
			histograms[i] = histogram;
			workers[i] = new Thread(() -> {
				try {
					long warmupEnd = System.nanoTime() + warmupNanos;
					do {
						caller.roundTrip(true);
					}
					while (System.nanoTime() - warmupEnd < 0);
					warmedUp.await();
					go.await();
					long end;
					synchronized (window) {
						end = window[1];
					}
					long before = threads.getCurrentThreadAllocatedBytes();
					long now = System.nanoTime();
					do {
						long callStart = now;
						caller.roundTrip(false);
						now = System.nanoTime();
						histogram.recordValue(Math.min(now - callStart, LatencyLoop.HIGHEST_TRACKABLE_NANOS));
					}
					while (now - end < 0);
					callerBytes.addAndGet(threads.getCurrentThreadAllocatedBytes() - before);
					lastEnd.accumulateAndGet(now, Math::max);
				}
				catch (IOException | RuntimeException | InterruptedException | BrokenBarrierException ex) {
					failure.compareAndSet(null, ex);
					warmedUp.reset();
					go.reset();
				}
			}, "benchmark-caller-" + (i + 1));
			workers[i].setDaemon(true);
			workers[i].start();
		}
		AllocationMeter meter;
		try {
			warmedUp.await(TimeUnit.NANOSECONDS.toSeconds(warmupNanos) + BARRIER_SLACK_SECONDS, TimeUnit.SECONDS);
			meter = AllocationMeter.start();
			synchronized (window) {
				window[0] = System.nanoTime();
				window[1] = window[0] + durationNanos;
			}
			go.await(BARRIER_SLACK_SECONDS, TimeUnit.SECONDS);
			for (Thread worker : workers) {
				worker.join(TimeUnit.NANOSECONDS.toMillis(durationNanos) + BARRIER_SLACK_SECONDS * 1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while the callers ran", ex);
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			Throwable cause = failure.get();
			throw new IOException("a caller failed: " + ((cause != null) ? cause : ex), (cause != null) ? cause : ex);
		}
		AllocationMeter.Allocated allocated = meter.stop();
		Throwable cause = failure.get();
		if (cause != null) {
			throw new IOException("a caller failed: " + cause, cause);
		}
		Histogram all = new Histogram(LatencyLoop.HIGHEST_TRACKABLE_NANOS, LatencyLoop.SIGNIFICANT_DIGITS);
		for (Histogram histogram : histograms) {
			all.add(histogram);
		}
		// The callers have ended when the meter stops, so its snapshot no longer sees them: add what they counted.
		return CaseResult.of(benchmarkCase, size, count, all, lastEnd.get() - window[0],
				new AllocationMeter.Allocated(callerBytes.get(), allocated.process() + callerBytes.get()));
	}

}
