package io.cdmf.ipc.transport.shm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.transport.Transport;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.jspecify.annotations.Nullable;

/**
 * Who reads a client's response ring: its duty-cycle thread, or a caller waiting for its response (a
 * {@link Transport.ReceiveLease lease}), never both, and nobody once the ring is unmapped.
 * <p>
 * Why: a synchronous call whose response is read by the duty-cycle thread needs three busy threads (caller, client
 * duty cycle, server duty cycle); on a two-CPU machine one of them is always off a CPU, and a round trip that takes
 * a microsecond on the rings takes a scheduler time slice instead. A caller that reads its own response ring, as a
 * raw Agrona client does, needs two; meanwhile the duty cycle keeps writing heartbeats and checking the server but
 * skips the ring, so its idle strategy parks it. The ring has one consumer at a time: the state below hands the
 * consumer role over with a compare-and-set.
 * <p>
 * The ring must not be unmapped under a reader: a close that finds a lease in progress leaves the release of the
 * file to the lease's end.
 *
 * @since 0.1.0
 */
final class ShmReadGuard {

	private static final int FREE = 0;

	private static final int AGENT = 1;

	private static final int LEASED = 2;

	private static final int CLOSE_AFTER_LEASE = 3;

	private static final int CLOSED = 4;

	private static final int READ_LIMIT = 64;

	private final AtomicInteger state = new AtomicInteger(FREE);

	private final ShmRing ring;

	private final MessageHandler handler;

	private final BooleanSupplier open;

	private final Runnable release;

	private final Lease lease;

	/**
	 * Creates the guard of a ring.
	 * @param ring the response ring
	 * @param handler receives its records
	 * @param open whether the connection is still open, asked by a lease between reads
	 * @param idle how a lease waits between empty reads (the transport's idle strategy)
	 * @param release unmaps and deletes the ring's file; run once, when nobody reads any more
	 */
	ShmReadGuard(ShmRing ring, MessageHandler handler, BooleanSupplier open, IdleStrategy idle, Runnable release) {
		this.ring = ring;
		this.handler = handler;
		this.open = open;
		this.release = release;
		this.lease = new Lease(idle);
	}

	/**
	 * Reads a batch on the duty-cycle thread, unless a caller holds the lease.
	 * @return records read
	 */
	int readByAgent() {
		if (this.state.get() != FREE || !this.state.compareAndSet(FREE, AGENT)) {
			return 0;
		}
		try {
			return this.ring.read(this.handler, READ_LIMIT);
		}
		finally {
			this.state.set(FREE);
		}
	}

	/**
	 * Returns whether nobody reads the ring now (neither a caller under a lease nor the duty cycle).
	 * @return whether it is free
	 */
	boolean isFree() {
		return this.state.get() == FREE;
	}

	/**
	 * Lends reading to the calling thread.
	 * @return the lease, or {@code null} if another caller holds it or the ring is closed
	 */
	Transport.@Nullable ReceiveLease lease() {
		while (true) {
			int current = this.state.get();
			if (current == FREE && this.state.compareAndSet(FREE, LEASED)) {
				this.lease.held = true;
				return this.lease;
			}
			if (current != AGENT && current != FREE) {
				return null;
			}
			// The duty cycle is reading a batch: a few microseconds at most.
			Thread.onSpinWait();
		}
	}

	/**
	 * Releases the ring's file now, or when the lease in progress ends. Called once, when the client closes.
	 */
	void close() {
		while (true) {
			int current = this.state.get();
			if (current == FREE && this.state.compareAndSet(FREE, CLOSED)) {
				this.release.run();
				return;
			}
			if (current == LEASED && this.state.compareAndSet(LEASED, CLOSE_AFTER_LEASE)) {
				return;
			}
			if (current == CLOSED || current == CLOSE_AFTER_LEASE) {
				return;
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * The one lease of a ring, reused by every synchronous call.
	 */
	private final class Lease implements Transport.ReceiveLease {

		private final IdleStrategy idle;

		private boolean held;

		Lease(IdleStrategy idle) {
			this.idle = idle;
		}

		@Override
		public void receiveUntil(BooleanSupplier condition, long spinNanos, long deadlineNanos) {
			// The ring is always polled (with the idle strategy), so the spin budget adds nothing here.
			this.idle.reset();
			for (int turn = 1; this.held && !condition.getAsBoolean(); turn++) {
				if (!ShmReadGuard.this.open.getAsBoolean()) {
					return;
				}
				int read = ShmReadGuard.this.ring.read(ShmReadGuard.this.handler, READ_LIMIT);
				// The clock is read every 64 empty turns only: it would otherwise cost more than the read.
				if (read == 0 && (turn & 63) == 0 && System.nanoTime() - deadlineNanos >= 0) {
					return;
				}
				this.idle.idle(read);
			}
		}

		@Override
		public void close() {
			if (!this.held) {
				return;
			}
			this.held = false;
			if (!ShmReadGuard.this.state.compareAndSet(LEASED, FREE)) {
				// The client closed during the lease and left the release of its file to us.
				ShmReadGuard.this.state.set(CLOSED);
				ShmReadGuard.this.release.run();
			}
		}

	}

}
