package io.cdmf.ipc.message;

import java.time.Instant;

/**
 * The wall clock in microseconds since the epoch, for the timestamp of every message, without an allocation per
 * reading.
 * <p>
 * Written by hand because Java 17 has no allocation-free wall clock finer than a millisecond: {@link Instant#now()}
 * makes an {@code Instant} per call, which escape analysis does not always remove (it showed up in the allocation
 * profile of a synchronous call, 24 B of every message). Here the time is an anchor taken from
 * {@link Instant#now()} plus the {@link System#nanoTime()} elapsed since; the anchor is taken again once a second, so a
 * step of the wall clock (NTP, a resumed VM) shows within a second. Between two anchors the reading may differ from
 * {@code Instant.now()} by the clocks' drift over that second, a few microseconds at most, and a new anchor can make
 * the reading step back by as much: a message timestamp is informational and never compared for order.
 */
final class WallClockMicros {

	private static final long REANCHOR_NANOS = 1_000_000_000L;

	private static volatile Anchor anchor = Anchor.now();

	private WallClockMicros() {
	}

	/**
	 * Returns the current time.
	 * @return microseconds since the epoch
	 */
	static long now() {
		Anchor current = anchor;
		long elapsed = System.nanoTime() - current.nanoTime;
		if (elapsed < 0 || elapsed >= REANCHOR_NANOS) {
			current = Anchor.now();
			anchor = current;
			return current.micros;
		}
		return current.micros + elapsed / 1_000;
	}

	private record Anchor(long micros, long nanoTime) {

		static Anchor now() {
			Instant now = Instant.now();
			return new Anchor(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, System.nanoTime());
		}

	}

}
