package io.cdmf.ipc.sample.sensor;

import java.time.Instant;

/**
 * The clock readings are stamped with and latency is measured against: the wall clock, in nanoseconds since the Unix
 * epoch.
 * <p>
 * Why not {@link System#nanoTime()}: its origin is only defined within one JVM ("other virtual machine instances are
 * likely to use a different origin"), so the producer's value means nothing to the consumer's JVM by contract, even
 * though on Linux both happen to read {@code CLOCK_MONOTONIC}. The wall clock ({@code CLOCK_REALTIME}, read by
 * {@link Instant#now()} with microsecond or better resolution) is one clock for every process on the host, which is
 * exactly what an end-to-end figure between two processes needs. The price: a step of the clock (NTP correcting a
 * large offset) during a run distorts the latencies of that moment; slewing, NTP's usual correction, changes them by
 * parts per million.
 *
 * @since 0.1.0
 */
public final class EpochNanos {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private EpochNanos() {
	}

	/**
	 * Returns the wall clock now.
	 * @return nanoseconds since the Unix epoch
	 */
	public static long now() {
		Instant now = Instant.now();
		return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
	}

}
