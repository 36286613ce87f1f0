package io.cdmf.ipc.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageOrigin;
import org.jspecify.annotations.Nullable;

/**
 * Remembers recent requests by message id so that a retried request is answered once: a repeat that arrives while
 * the first is running waits for its response; one that arrives later gets the stored response. The handler runs
 * once either way.
 * <p>
 * Entries are kept for a window of time and up to a capacity, whichever ends first; an entry still running is never
 * dropped, and never keeps finished ones behind it from being dropped, so the cache holds at most its capacity or the
 * requests running at once, whichever is more. Only requests flagged {@code FLAG_DEDUPLICATE} (sent by a proxy that may retry) need an entry, so the
 * cost is paid only where a retry can happen.
 *
 * @since 0.1.0
 */
public final class DuplicateRequestCache {

	/**
	 * What to do with a request.
	 */
	public enum Outcome {

		/** First time seen: run it, then call {@link #complete}. */
		NEW,
		/** A repeat of a finished request: the stored response was sent. */
		ANSWERED,
		/** A repeat of a running request: it will be answered when the first completes. */
		WAITING

	}

	/**
	 * Sends a reply to where a request came from.
	 */
	@FunctionalInterface
	public interface ReplySender {

		/**
		 * Sends a reply.
		 * @param origin where the request came from
		 * @param reply the reply, with its origin set to {@code origin}
		 */
		void send(MessageOrigin origin, Message reply);

	}

	private final Map<MessageId, Entry> entries = new ConcurrentHashMap<>();

	private final Queue<Entry> order = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final long windowNanos;

	private final int capacity;

	private final ReplySender sender;

	/**
	 * Creates a cache.
	 * @param window how long a response is kept
	 * @param capacity how many responses are kept
	 * @param sender sends stored responses to repeats
	 */
	public DuplicateRequestCache(Duration window, int capacity, ReplySender sender) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("capacity must be positive: " + capacity);
		}
		this.windowNanos = window.toNanos();
		this.capacity = capacity;
		this.sender = sender;
	}

	/**
	 * Registers a request, or answers it if it is a repeat.
	 * @param request the request, with its origin
	 * @return what the caller should do
	 */
	public Outcome begin(Message request) {
		MessageOrigin origin = request.getOrigin();
		Entry fresh = new Entry(request.getMessageId(), System.nanoTime());
		Entry existing = this.entries.putIfAbsent(fresh.id, fresh);
		if (existing == null) {
			this.order.add(fresh);
			this.size.incrementAndGet();
			evict(fresh.createdNanos);
			return Outcome.NEW;
		}
		Message stored;
		synchronized (existing) {
			stored = existing.response;
			if (stored == null) {
				if (origin != null) {
					existing.waiters.add(origin);
				}
				return Outcome.WAITING;
			}
		}
		if (origin != null) {
			this.sender.send(origin, stored.copy().setOrigin(origin));
		}
		return Outcome.ANSWERED;
	}

	/**
	 * Stores the response of a request that ran and sends it to repeats that waited.
	 * @param id the request's message id
	 * @param response the response
	 */
	public void complete(MessageId id, Message response) {
		finish(id, response, true);
	}

	/**
	 * Forgets a request that did not run (rejected), sending its rejection to repeats that waited; a later repeat
	 * runs.
	 * @param id the request's message id
	 * @param rejection the error reply
	 */
	public void abandon(MessageId id, Message rejection) {
		finish(id, rejection, false);
	}

	private void finish(MessageId id, Message reply, boolean keep) {
		Entry entry = keep ? this.entries.get(id) : this.entries.remove(id);
		if (entry == null) {
			return;
		}
		List<MessageOrigin> waiters;
		synchronized (entry) {
			entry.response = reply;
			waiters = new ArrayList<>(entry.waiters);
			entry.waiters.clear();
		}
		for (MessageOrigin waiter : waiters) {
			this.sender.send(waiter, reply.copy().setOrigin(waiter));
		}
	}

	/**
	 * Returns how many requests are remembered.
	 * @return the entry count
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * Drops finished entries from the oldest on, while the cache is over its capacity or the oldest is past the
	 * window. A running entry is never dropped: it goes to the back of the order and the sweep goes on behind it, so
	 * one slow request cannot hold the cache over its capacity. A sweep looks at each entry at most once, so it costs
	 * at most the running entries (bounded by the stub's concurrency limit) plus those it drops.
	 */
	private void evict(long now) {
		int budget = this.size.get();
		Entry head;
		while (budget-- > 0 && (head = this.order.peek()) != null
				&& (this.size.get() > this.capacity || now - head.createdNanos > this.windowNanos)) {
			boolean running;
			synchronized (head) {
				running = head.response == null && this.entries.get(head.id) == head;
			}
			if (!this.order.remove(head)) {
				// Another sweep took it first.
				continue;
			}
			if (running) {
				this.order.add(head);
			}
			else {
				this.size.decrementAndGet();
				this.entries.remove(head.id, head);
			}
		}
	}

	private static final class Entry {

		final MessageId id;

		final long createdNanos;

		@Nullable Message response;

		final List<MessageOrigin> waiters = new ArrayList<>(1);

		Entry(MessageId id, long createdNanos) {
			this.id = id;
			this.createdNanos = createdNanos;
		}

	}

}
