package io.cdmf.ipc.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The requests a {@link ServiceStub} is running: the slots of its concurrency limit, the records the deadline sweep
 * goes through, and the wait for them to drain when it stops.
 */
final class InFlightRequests {

	/** How often the sweep runs: the delay, beyond the inline budget, before a blocked receiving thread is relieved. */
	static final long SWEEP_INTERVAL_MILLIS = 5;

	private final int limit;

	private final BooleanSupplier stopping;

	private final Map<Long, InFlightRequest> running = new ConcurrentHashMap<>();

	private final AtomicInteger slots = new AtomicInteger();

	private final AtomicLong sequence = new AtomicLong();

	private final Object drained = new Object();

	private @Nullable ScheduledFuture<?> sweeper;

	InFlightRequests(int limit, BooleanSupplier stopping) {
		this.limit = limit;
		this.stopping = stopping;
	}

	/**
	 * Takes a slot of the concurrency limit.
	 * @return whether one was free
	 */
	boolean tryAcquire() {
		if (this.slots.incrementAndGet() > this.limit) {
			this.slots.decrementAndGet();
			return false;
		}
		return true;
	}

	/**
	 * Gives a slot back, waking {@link #awaitDrained} when it was the last one of a stopping stub.
	 */
	void releaseSlot() {
		if (this.slots.decrementAndGet() == 0 && this.stopping.getAsBoolean()) {
			synchronized (this.drained) {
				this.drained.notifyAll();
			}
		}
	}

	long nextSequence() {
		return this.sequence.incrementAndGet();
	}

	/**
	 * Records a request that holds a slot, for the sweep.
	 * @param request the request
	 */
	void add(InFlightRequest request) {
		this.running.put(request.sequence, request);
	}

	/**
	 * Forgets an answered request and gives its slot back.
	 * @param request the request
	 */
	void remove(InFlightRequest request) {
		this.running.remove(request.sequence);
		releaseSlot();
	}

	/**
	 * Starts sweeping, every few milliseconds, for the requests whose deadline passed and for the handlers that run
	 * on a receiving thread past the inline budget.
	 * @param expire called for each request whose deadline passed, until it is answered
	 * @param overrun called with the time for each request whose handler runs on a receiving thread longer than the
	 * budget, until it is answered
	 * @param inlineBudgetNanos the inline budget
	 */
	synchronized void startSweeper(Consumer<InFlightRequest> expire, ObjLongConsumer<InFlightRequest> overrun,
			long inlineBudgetNanos) {
		this.sweeper = RpcScheduler.INSTANCE.scheduleWithFixedDelay(() -> {
			long now = System.nanoTime();
			for (InFlightRequest request : this.running.values()) {
				if (request.relay != null && now - request.startNanos - inlineBudgetNanos >= 0) {
					overrun.accept(request, now);
				}
				if (now - request.deadlineNanos >= 0) {
					expire.accept(request);
				}
			}
		}, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
	}

	synchronized void stopSweeper() {
		if (this.sweeper != null) {
			this.sweeper.cancel(false);
		}
	}

	/**
	 * Waits until no slot is taken.
	 * @param timeoutMillis how long to wait at most
	 * @return whether every request finished in time
	 */
	boolean awaitDrained(long timeoutMillis) {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		synchronized (this.drained) {
			while (this.slots.get() > 0) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					return false;
				}
				try {
					this.drained.wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	int count() {
		return this.slots.get();
	}

}
