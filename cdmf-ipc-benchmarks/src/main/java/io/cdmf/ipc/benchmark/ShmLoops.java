package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The measuring loops of the shared-memory cases: round trips one at a time (as {@link LatencyLoop}, plus the
 * receiving thread's allocation and a cap on the number of calls), and one-way bursts followed by a paced latency
 * phase.
 * <p>
 * The caps exist for the journals: every message is written to {@code /dev/shm}, so a 64 KiB stream at full speed
 * would fill memory long before the measuring time is up. A capped measurement says so in the report.
 *
 * @since 0.1.0
 */
final class ShmLoops {

	/** How long the receiver may take to count the end of a burst. */
	static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

	/** Longest paced latency phase. */
	static final long MAX_PACED_NANOS = TimeUnit.SECONDS.toNanos(2);

	private ShmLoops() {
	}

	/**
	 * Measures round trips one at a time.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param client the connected client
	 * @param probe the receiver's probe
	 * @param warmupNanos warm-up time
	 * @param durationNanos measuring time
	 * @param maxCalls most calls in all (warm-up: a quarter of it)
	 * @return the figures
	 * @throws IOException if a call fails
	 */
	static ShmCaseResult roundTrips(BenchmarkCase benchmarkCase, int size, SyncClient client, ReceiverProbe probe,
			long warmupNanos, long durationNanos, long maxCalls) throws IOException {
		long warmupEnd = System.nanoTime() + warmupNanos;
		long warmupCalls = 0;
		do {
			client.roundTrip(true);
			warmupCalls++;
		}
		while (System.nanoTime() - warmupEnd < 0 && warmupCalls < maxCalls / 4);

		long limit = maxCalls - warmupCalls;
		Histogram histogram = new Histogram(LatencyLoop.HIGHEST_TRACKABLE_NANOS, LatencyLoop.SIGNIFICANT_DIGITS);
		ReceiverProbe.Sample before = probe.sample(() -> client.roundTrip(false));
		AllocationMeter meter = AllocationMeter.start();
		long start = System.nanoTime();
		long end = start + durationNanos;
		long now = start;
		long calls = 0;
		do {
			long callStart = now;
			client.roundTrip(false);
			now = System.nanoTime();
			histogram.recordValue(Math.min(now - callStart, LatencyLoop.HIGHEST_TRACKABLE_NANOS));
		}
		while (now - end < 0 && ++calls < limit);
		AllocationMeter.Allocated allocated = meter.stop();
		ReceiverProbe.Sample after = probe.sample(() -> client.roundTrip(false));
		CaseResult result = CaseResult.of(benchmarkCase, size, histogram, now - start, allocated);
		return new ShmCaseResult(result, after.bytesPerMessageSince(before), 0, calls >= limit);
	}

	/**
	 * Measures one-way throughput (a burst for the measuring time, until the receiver counted every message), then
	 * producer-to-consumer latency one message at a time.
	 * @param benchmarkCase the case
	 * @param size the payload size
	 * @param client the connected producer
	 * @param probe the receiver's probe
	 * @param warmupNanos warm-up time
	 * @param durationNanos measuring time of the burst; the paced phase takes a quarter of it, at most 2 s
	 * @param maxMessages most messages in all: a quarter for warm-up, half for the burst, a quarter paced
	 * @return the figures
	 * @throws IOException if a send fails
	 */
	static ShmCaseResult oneWay(BenchmarkCase benchmarkCase, int size, OneWayClient client, ReceiverProbe probe,
			long warmupNanos, long durationNanos, long maxMessages) throws IOException {
		long sent = probe.count();
		sent += burst(client, warmupNanos, Math.max(1, maxMessages / 4));
		probe.awaitCount(sent, DRAIN_TIMEOUT_NANOS);
		ReceiverProbe.Sample before = probe.sample(() -> client.send(0));
		sent++;

		long burstLimit = Math.max(1, maxMessages / 2);
		AllocationMeter meter = AllocationMeter.start();
		long start = System.nanoTime();
		long messages = burst(client, durationNanos, burstLimit);
		sent += messages;
		long end = probe.awaitCount(sent, DRAIN_TIMEOUT_NANOS);
		AllocationMeter.Allocated allocated = meter.stop();
		ReceiverProbe.Sample after = probe.sample(() -> client.send(0));
		sent++;

		Histogram latencies = new Histogram(LatencyLoop.HIGHEST_TRACKABLE_NANOS, LatencyLoop.SIGNIFICANT_DIGITS);
		long pacedEnd = System.nanoTime() + Math.min(durationNanos / 4, MAX_PACED_NANOS);
		long pacedLimit = Math.max(1, maxMessages / 4);
		long paced = 0;
		do {
			client.send(System.nanoTime());
			probe.awaitCount(++sent, DRAIN_TIMEOUT_NANOS);
			latencies.recordValue(Math.max(0, Math.min(probe.lastLatencyNanos(), LatencyLoop.HIGHEST_TRACKABLE_NANOS)));
		}
		while (++paced < pacedLimit && System.nanoTime() - pacedEnd < 0);

		double perMessage = Math.max(1, messages);
		CaseResult result = new CaseResult(benchmarkCase, size, 1, messages, micros(latencies, 50),
				micros(latencies, 99), micros(latencies, 99.9), messages * 1e9 / (end - start),
				allocated.caller() / perMessage, allocated.process() / perMessage, null, -1);
		return new ShmCaseResult(result, after.bytesPerMessageSince(before), paced, messages >= burstLimit);
	}

	private static long burst(OneWayClient client, long nanos, long limit) throws IOException {
		long end = System.nanoTime() + nanos;
		long count = 0;
		while (count < limit) {
			client.send(0);
			// Read the clock every 64 messages only: at millions of messages a second it would cost a tenth of them.
			if ((++count & 63) == 0 && System.nanoTime() - end >= 0) {
				break;
			}
		}
		return count;
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

}
