package io.cdmf.ipc.channel.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process's budget of callers that may spin for a response at one time: one fewer than the CPUs, so that
 * spinning never takes the last CPU from the threads (in this process or the server's) that bring the responses.
 * A caller that gets no permit waits without spinning; with many callers this is what keeps them from doing worse
 * than callers that never spin.
 * <p>
 * Written by hand: a permit is one compare-and-set, which a {@link java.util.concurrent.Semaphore} would wrap in a
 * queue this code never needs (a caller without a permit does not wait for one).
 */
final class Spinners {

	static final int MAX = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

	private static final AtomicInteger spinning = new AtomicInteger();

	private Spinners() {
	}

	/**
	 * Takes a permit if one is free.
	 * @return whether the caller may spin; if so it must {@link #release()} when done
	 */
	static boolean tryAcquire() {
		int current;
		do {
			current = spinning.get();
			if (current >= MAX) {
				return false;
			}
		}
		while (!spinning.compareAndSet(current, current + 1));
		return true;
	}

	/**
	 * Gives a permit back.
	 */
	static void release() {
		spinning.decrementAndGet();
	}

}
