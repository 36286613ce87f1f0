package io.cdmf.ipc.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs a recurring warning at most once per interval and counts what it held back, so that a peer sending garbage
 * cannot flood the log.
 *
 * @since 0.1.0
 */
public final class RateLimitedLog {

	private final Logger logger;

	private final long intervalNanos;

	private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Creates a rate-limited log.
	 * @param logger where to log
	 * @param intervalMillis least time between two lines
	 */
	public RateLimitedLog(Logger logger, long intervalMillis) {
		this.logger = logger;
		this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
	}

	/**
	 * Logs a warning unless one was logged within the interval.
	 * @param format an SLF4J format
	 * @param args its arguments
	 */
	public void warn(String format, Object... args) {
		long now = System.nanoTime();
		long next = this.nextAllowed.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !this.nextAllowed.compareAndSet(next, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long held = this.suppressed.getAndSet(0);
		if (held > 0) {
			this.logger.warn(format + " ({} similar warnings suppressed)", append(args, held));
		}
		else {
			this.logger.warn(format, args);
		}
	}

	private static Object[] append(Object[] args, long value) {
		Object[] result = java.util.Arrays.copyOf(args, args.length + 1);
		result[args.length] = value;
		return result;
	}

}
