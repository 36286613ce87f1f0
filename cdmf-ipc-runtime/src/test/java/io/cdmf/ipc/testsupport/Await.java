package io.cdmf.ipc.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by checking it every millisecond, for tests that must not sleep a fixed time.
 */
public final class Await {

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private Await() {
	}

	/**
	 * Waits until a condition holds.
	 * @param what the condition, for the failure message
	 * @param timeout how long it may take
	 * @param condition the condition
	 * @return how long it took
	 * @throws AssertionError if it did not hold in time
	 */
	public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
		return until(() -> what, timeout, condition);
	}

	/**
	 * Waits until a condition holds.
	 * @param what describes the condition and what was seen, for the failure message
	 * @param timeout how long it may take
	 * @param condition the condition
	 * @return how long it took
	 * @throws AssertionError if it did not hold in time
	 */
	public static Duration until(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Not within " + timeout.toMillis() + " ms: " + what.get());
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
