package io.cdmf.ipc.sample.sensor.producer;

/**
 * The schedule of a steady stream: message {@code k} is due {@code k / rate} seconds after the start. A sender asks
 * {@link #due} how many messages are due now, sends them, and otherwise parks for {@link #nanosUntilNext}; so it never
 * spins, and a late wake-up (the park's timer slack, a GC pause) is caught up on the next turn. The catch-up is
 * bounded: a backlog beyond {@code maxBacklog} messages is dropped from the schedule rather than sent as one burst,
 * and counted as {@link #skipped}.
 * <p>
 * Times are {@link System#nanoTime()} values passed in, so the schedule can be tested without waiting. Not thread
 * safe: one sender uses it.
 *
 * @since 0.1.0
 */
final class RatePacer {

	private final double periodNanos;

	private final long maxBacklog;

	private final long startNanos;

	private long issued;

	private long skipped;

	/**
	 * Creates a schedule whose first message is due at {@code startNanos}.
	 * @param ratePerSecond messages per second, positive
	 * @param maxBacklog the most messages {@link #due} returns at once, positive
	 * @param startNanos the start, a {@link System#nanoTime()} value
	 */
	RatePacer(long ratePerSecond, long maxBacklog, long startNanos) {
		if (ratePerSecond <= 0) {
			throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
		}
		if (maxBacklog <= 0) {
			throw new IllegalArgumentException("maxBacklog must be positive: " + maxBacklog);
		}
		// A double holds k * period exactly enough: 53 bits of nanoseconds are over a hundred days.
		this.periodNanos = 1e9 / ratePerSecond;
		this.maxBacklog = maxBacklog;
		this.startNanos = startNanos;
	}

	/**
	 * Returns how many messages are due at a time and counts them as sent.
	 * @param nowNanos the time, a {@link System#nanoTime()} value
	 * @return the number due now, at most {@code maxBacklog}; 0 if the next one is still ahead
	 */
	long due(long nowNanos) {
		long elapsed = nowNanos - this.startNanos;
		if (elapsed < 0) {
			return 0;
		}
		long owed = dueBy(elapsed) - this.issued;
		if (owed <= 0) {
			return 0;
		}
		if (owed > this.maxBacklog) {
			this.skipped += owed - this.maxBacklog;
			this.issued += owed - this.maxBacklog;
			owed = this.maxBacklog;
		}
		this.issued += owed;
		return owed;
	}

	/**
	 * Returns how long until the next message is due.
	 * @param nowNanos the time, a {@link System#nanoTime()} value
	 * @return nanoseconds, 0 if it is due already
	 */
	long nanosUntilNext(long nowNanos) {
		return Math.max(0, this.startNanos + offsetNanos(this.issued) - nowNanos);
	}

	/**
	 * Returns how many messages are due by a time: the first {@code k} such that message {@code k} is not. Derived
	 * from {@link #offsetNanos} alone, so that {@link #due} and {@link #nanosUntilNext} never disagree by a rounding.
	 */
	private long dueBy(long elapsedNanos) {
		long count = (long) (elapsedNanos / this.periodNanos) + 1;
		while (count > 0 && offsetNanos(count - 1) > elapsedNanos) {
			count--;
		}
		while (offsetNanos(count) <= elapsedNanos) {
			count++;
		}
		return count;
	}

	private long offsetNanos(long message) {
		return (long) Math.ceil(message * this.periodNanos);
	}

	/**
	 * Returns how many messages were dropped from the schedule because the sender fell too far behind.
	 * @return the number skipped
	 */
	long skipped() {
		return this.skipped;
	}

}
