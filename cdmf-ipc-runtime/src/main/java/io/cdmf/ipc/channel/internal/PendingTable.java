package io.cdmf.ipc.channel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The calls of one connection that wait for a response, found by the id halves a response carries.
 * <p>
 * Written by hand for what a {@code ConcurrentHashMap<MessageId, PendingCall>} cost on every call: an entry node
 * when a call is added and a {@code MessageId} made from the response's id halves to look it up, 64 B of a
 * synchronous call's allocation. Here the calls are chained through their own {@link PendingCall#next} field in
 * buckets chosen by the low half of the id (ids of one process differ there: a counter), each bucket under its own
 * lock, so adding and removing allocate nothing and callers of different buckets do not contend. A connection holds
 * a few calls at a time (one per caller, or an async window), so the fixed bucket count keeps chains short.
 */
final class PendingTable {

	private static final int BUCKETS = 32;

	private final Object[] locks = new Object[BUCKETS];

	private final @Nullable PendingCall[] heads = new PendingCall[BUCKETS];

	private final AtomicInteger size = new AtomicInteger();

	PendingTable() {
		for (int i = 0; i < BUCKETS; i++) {
			this.locks[i] = new Object();
		}
	}

	void add(PendingCall call) {
		int bucket = bucket(call.idLow);
		synchronized (this.locks[bucket]) {
			call.next = this.heads[bucket];
			this.heads[bucket] = call;
			this.size.incrementAndGet();
		}
	}

	/**
	 * Removes a call if it is still in the table.
	 * @param call the call
	 * @return whether this removed it
	 */
	boolean remove(PendingCall call) {
		return take(call.idHigh, call.idLow, call) != null;
	}

	/**
	 * Removes the call of an id.
	 * @param idHigh the high half of the request's id
	 * @param idLow the low half
	 * @return the call, or {@code null} if none waits for that id (answered, expired or never sent)
	 */
	@Nullable PendingCall remove(long idHigh, long idLow) {
		return take(idHigh, idLow, null);
	}

	private @Nullable PendingCall take(long idHigh, long idLow, @Nullable PendingCall only) {
		int bucket = bucket(idLow);
		synchronized (this.locks[bucket]) {
			PendingCall previous = null;
			for (PendingCall call = this.heads[bucket]; call != null; call = call.next) {
				if (call.idLow == idLow && call.idHigh == idHigh && (only == null || call == only)) {
					if (previous == null) {
						this.heads[bucket] = call.next;
					}
					else {
						previous.next = call.next;
					}
					call.next = null;
					this.size.decrementAndGet();
					return call;
				}
				previous = call;
			}
		}
		return null;
	}

	/**
	 * Returns the first call that matches, without removing it.
	 * @param test the condition, run under a bucket's lock (it must not touch the table)
	 * @return the call, or {@code null}
	 */
	@Nullable PendingCall find(Predicate<PendingCall> test) {
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			synchronized (this.locks[bucket]) {
				for (PendingCall call = this.heads[bucket]; call != null; call = call.next) {
					if (test.test(call)) {
						return call;
					}
				}
			}
		}
		return null;
	}

	/**
	 * Returns the calls that match, left in the table: the caller removes those it ends, outside the locks.
	 * @param test the condition, run under a bucket's lock (it must not touch the table)
	 * @return the calls, in no order; an empty list allocates nothing
	 */
	List<PendingCall> select(Predicate<PendingCall> test) {
		List<PendingCall> selected = List.of();
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			synchronized (this.locks[bucket]) {
				for (PendingCall call = this.heads[bucket]; call != null; call = call.next) {
					if (test.test(call)) {
						if (selected.isEmpty()) {
							selected = new ArrayList<>();
						}
						selected.add(call);
					}
				}
			}
		}
		return selected;
	}

	int size() {
		return this.size.get();
	}

	boolean isEmpty() {
		return this.size.get() == 0;
	}

	private static int bucket(long idLow) {
		return (int) idLow & (BUCKETS - 1);
	}

}
