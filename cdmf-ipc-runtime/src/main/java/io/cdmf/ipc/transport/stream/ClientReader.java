package io.cdmf.ipc.transport.stream;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a client connection either on the thread of a caller that waits for its response (a "lease"), or on a
 * background thread when replies are expected and no caller is reading.
 * <p>
 * Why: a response read by a transport thread must then wake the caller — a second thread wake-up per call, which on
 * a busy machine costs more than the whole round trip of a raw socket. A caller that reads for itself is woken by
 * the kernel straight out of its poll, as a raw client is, and delivers on the way any responses of other calls it
 * reads. The background thread sleeps while nobody expects a reply, so a synchronous client has one thread fewer
 * runnable per call; it reads only for asynchronous calls, heartbeats and callers that found the lease taken.
 * Written by hand: no library offers caller-runs reading of a non-blocking socket.
 */
final class ClientReader {

	private static final Logger logger = LoggerFactory.getLogger(ClientReader.class);

	private static final long BACKGROUND_POLL_MILLIS = 100;

	/**
	 * Quiet time after which the background thread also reads an idle connection, to notice a server that closed
	 * it or sent something unasked. Shorter than any useful timeout, longer than the gap between synchronous calls,
	 * so it never competes with a caller that reads for itself.
	 */
	private static final long IDLE_WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final StreamConnection connection;

	private final ReentrantLock readLock = new ReentrantLock();

	private final Selector callerSelector;

	private final Selector backgroundSelector;

	private final Thread background;

	private final AtomicInteger expectedReplies = new AtomicInteger();

	/** The caller that holds the lease, or null: while set, the background thread stays asleep. */
	private volatile @Nullable Thread leader;

	private volatile boolean running = true;

	private volatile long lastActivityNanos = System.nanoTime();

	ClientReader(StreamConnection connection, SocketChannel channel, String name) throws IOException {
		this.connection = connection;
		this.callerSelector = Selector.open();
		this.backgroundSelector = Selector.open();
		try {
			channel.register(this.callerSelector, SelectionKey.OP_READ);
			channel.register(this.backgroundSelector, SelectionKey.OP_READ);
		}
		catch (IOException ex) {
			closeSelectors();
			throw ex;
		}
		this.background = new Thread(this::runBackground, "cdmf-reader-" + name);
		this.background.setDaemon(true);
		this.background.start();
	}

	/**
	 * Notes a sent request that expects a reply, and makes sure someone reads for it.
	 */
	void replyExpected() {
		this.lastActivityNanos = System.nanoTime();
		if (this.expectedReplies.incrementAndGet() == 1 && this.leader == null) {
			LockSupport.unpark(this.background);
		}
	}

	/**
	 * Notes a received reply.
	 */
	void replyReceived() {
		this.expectedReplies.updateAndGet(count -> (count > 0) ? count - 1 : 0);
	}

	/**
	 * Lends reading to the calling thread, if no other caller holds it.
	 * @return the lease, or {@code null}
	 */
	Transport.@Nullable ReceiveLease lease() {
		if (!this.readLock.tryLock()) {
			return null;
		}
		this.leader = Thread.currentThread();
		return new Lease();
	}

	private final class Lease implements Transport.ReceiveLease {

		private boolean open = true;

		@Override
		public void receiveUntil(BooleanSupplier condition, long spinNanos, long deadlineNanos) {
			if (spinNanos > 0 && !spin(condition, Math.min(System.nanoTime() + spinNanos, deadlineNanos))) {
				return;
			}
			while (this.open && running && !condition.getAsBoolean()) {
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					return;
				}
				try {
					if (callerSelector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999))) > 0) {
						callerSelector.selectedKeys().clear();
						if (!connection.readOnce()) {
							return;
						}
					}
				}
				catch (IOException ex) {
					connection.failed(ex);
					return;
				}
			}
		}

		/**
		 * Polls the non-blocking channel, as a raw client spinning on {@code read} does: a response that arrives
		 * within the spin wakes no thread. On a VM whose idle CPUs halt, waking a thread blocked in the kernel costs
		 * more than a whole round trip.
		 * @return {@code false} if the connection closed
		 */
		private boolean spin(BooleanSupplier condition, long spinEndNanos) {
			// The clock is read every 16 turns only: a turn is one non-blocking read, the clock a third of it.
			for (int turn = 1; this.open && running && !condition.getAsBoolean(); turn++) {
				if (!connection.readOnce()) {
					return false;
				}
				if ((turn & 15) == 0 && System.nanoTime() - spinEndNanos >= 0) {
					return true;
				}
				Thread.onSpinWait();
			}
			return true;
		}

		@Override
		public void close() {
			release(false);
		}

		@Override
		public void closeForSuccessor() {
			release(true);
		}

		private void release(boolean successor) {
			if (!this.open) {
				return;
			}
			this.open = false;
			lastActivityNanos = System.nanoTime();
			leader = null;
			readLock.unlock();
			if (!successor && expectedReplies.get() > 0) {
				LockSupport.unpark(background);
			}
		}

	}

	private void runBackground() {
		try {
			while (this.running) {
				if (this.leader != null) {
					LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(BACKGROUND_POLL_MILLIS));
					continue;
				}
				if (this.expectedReplies.get() == 0) {
					long quiet = System.nanoTime() - this.lastActivityNanos;
					if (quiet < IDLE_WATCH_NANOS) {
						LockSupport.parkNanos(this, IDLE_WATCH_NANOS - quiet);
						continue;
					}
				}
				if (this.backgroundSelector.select(BACKGROUND_POLL_MILLIS) == 0) {
					continue;
				}
				this.backgroundSelector.selectedKeys().clear();
				if (!this.readLock.tryLock()) {
					// A caller is reading and will deliver what arrived; sleep until its lease ends.
					LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(BACKGROUND_POLL_MILLIS));
					continue;
				}
				try {
					if (!this.connection.readOnce()) {
						return;
					}
				}
				finally {
					this.readLock.unlock();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (this.running) {
				logger.debug("Background reader of {} failed", this.connection, ex);
				this.connection.failed(ex);
			}
		}
	}

	/**
	 * Stops the background thread and closes the selectors. Called when the connection closes.
	 */
	void close() {
		this.running = false;
		LockSupport.unpark(this.background);
		this.backgroundSelector.wakeup();
		this.callerSelector.wakeup();
		if (Thread.currentThread() != this.background) {
			try {
				this.background.join(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		closeSelectors();
	}

	private void closeSelectors() {
		for (Selector selector : new Selector[] { this.callerSelector, this.backgroundSelector }) {
			try {
				selector.close();
			}
			catch (IOException ex) {
				logger.debug("Closing a reader selector failed", ex);
			}
		}
	}

}
