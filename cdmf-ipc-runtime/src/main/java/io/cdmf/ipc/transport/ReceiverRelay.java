package io.cdmf.ipc.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving thread of a transport endpoint, as a role that a new thread can take over while a message the current
 * one delivered is still being handled on it. This is what lets a server run a handler on the receiving thread (no
 * hand-off, no wake-up: the fastest answer) and still never stall its other callers: when the handler turns out to
 * block, another thread {@linkplain #handOff takes over receiving} and the blocked one stops receiving once its
 * handler returns, as Jetty's adaptive execution strategy hands production to a reserved thread.
 * <p>
 * The receiving thread calls {@link #claim()} when it starts receiving and asks {@link #owns(int)} after every
 * delivery; around a handler it runs, the receiver of the message calls {@link #begin()} and {@link #end(long)}.
 * Any thread may call {@link #handOff(long)}; only one of {@code end} and {@code handOff} wins for a ticket, so
 * exactly one thread receives at a time. The cost on the receiving thread is one ordered write and one
 * compare-and-set per inline handler.
 * <p>
 * A transport offers one through {@link Connection#receiverRelay()} when it can start a replacement receiver and
 * give up, at a hand-off, every memory of a delivered message: a handler that may be handed off is given its own
 * copy of a {@linkplain io.cdmf.ipc.message.Message#isPayloadTransient() transient} message.
 *
 * @since 0.1.0
 */
public final class ReceiverRelay {

	private static final long TICKET_MASK = 0x7FFF_FFFFL;

	/** The receiver's generation in the high 32 bits, the ticket of the handler it runs (0: none) in the low ones. */
	private final AtomicLong state = new AtomicLong();

	private final Runnable takeOver;

	/** Written only by the receiving thread of the time; a successor reads it after {@code Thread.start}. */
	private long tickets;

	/**
	 * Creates a relay.
	 * @param takeOver starts a new receiving thread, which calls {@link #claim()} first; it runs on the thread that
	 * called {@link #handOff(long)} and must not block
	 */
	public ReceiverRelay(Runnable takeOver) {
		this.takeOver = takeOver;
	}

	/**
	 * Called by a receiving thread as it starts receiving.
	 * @return its generation, for {@link #owns(int)}
	 */
	public int claim() {
		return (int) (this.state.get() >>> 32);
	}

	/**
	 * Returns whether the thread that claimed a generation is still the receiver: {@code false} once a handler it ran
	 * was handed off, after which it must not receive again.
	 * @param generation what {@link #claim()} returned
	 * @return whether it still receives
	 */
	public boolean owns(int generation) {
		return (int) (this.state.get() >>> 32) == generation;
	}

	/**
	 * Called on the receiving thread, within a delivery, just before a handler runs there.
	 * @return the ticket of the run, for {@link #end} and {@link #handOff}
	 */
	public long begin() {
		long ticket = (++this.tickets & TICKET_MASK);
		if (ticket == 0) {
			ticket = ++this.tickets & TICKET_MASK;
		}
		long generation = this.state.get() & ~TICKET_MASK;
		long running = generation | ticket;
		// Release: a thread that hands off after reading it sees what the receiver wrote before (its read position).
		this.state.setRelease(running);
		return running;
	}

	/**
	 * Called on the thread that began the run, once the handler returned.
	 * @param ticket what {@link #begin()} returned
	 * @return whether this thread is still the receiver; {@code false} if the run was handed off meanwhile
	 */
	public boolean end(long ticket) {
		return this.state.compareAndSet(ticket, ticket & ~TICKET_MASK);
	}

	/**
	 * Hands receiving to a new thread if the run of a ticket is still going on; the thread running it stops receiving
	 * once it returns. Any thread may call it.
	 * @param ticket what {@link #begin()} returned for the run
	 * @return whether the run was still going on and a new receiver was started
	 */
	public boolean handOff(long ticket) {
		long nextGeneration = ((ticket >>> 32) + 1) << 32;
		if (!this.state.compareAndSet(ticket, nextGeneration)) {
			return false;
		}
		this.takeOver.run();
		return true;
	}

}
